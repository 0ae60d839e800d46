/// How far a simulation has got, reported after every simulated day.
public struct SimulationProgress: Sendable, Equatable {
    /// Days simulated so far.
    public var daysDone: Int
    /// Days to simulate in all.
    public var days: Int
    /// Sessions played so far (one workout and one exposure each).
    public var sessions: Int

    /// Days done as a share of all days, 0…1.
    public var fraction: Double { days == 0 ? 1 : Double(daysDone) / Double(days) }
}
