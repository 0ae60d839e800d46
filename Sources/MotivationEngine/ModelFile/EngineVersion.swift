/// The engine's version, recorded in every model file it writes.
public enum EngineVersion {
    /// The version written into the model files this engine trains.
    public static let current = "0.2.0"
}
