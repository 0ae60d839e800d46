/// The engine's version, recorded in every model file it writes.
public enum EngineVersion {
    public static let current = "0.1.0"
}
