import Foundation

/// What a simulation wrote.
public struct SimulationSummary: Sendable, Equatable {
    /// The database's latest workout before the simulation.
    public var start: Date
    /// The end of the simulated days (exclusive).
    public var end: Date
    /// Players simulated (active before the start in a segment with a model).
    public var players: Int
    /// Players who stopped playing during the simulation.
    public var stoppedPlayers: Int
    /// Sessions played: completed workouts written, each with one exposure.
    public var sessions: Int
    /// Exposures per experiment arm, by arm name.
    public var exposuresByArm: [String: Int]
    /// Exposures made while no experiment ran.
    public var exposuresOutsideExperiments: Int
    /// The first and the last simulated workout; nil without any session.
    public var firstSession: Date?
    /// The time of the last simulated session; nil when none was played.
    public var lastSession: Date?

    /// A summary of the given counts.
    public init(
        start: Date, end: Date, players: Int, stoppedPlayers: Int = 0, sessions: Int = 0, exposuresByArm: [String: Int] = [:],
        exposuresOutsideExperiments: Int = 0, firstSession: Date? = nil, lastSession: Date? = nil
    ) {
        self.start = start
        self.end = end
        self.players = players
        self.stoppedPlayers = stoppedPlayers
        self.sessions = sessions
        self.exposuresByArm = exposuresByArm
        self.exposuresOutsideExperiments = exposuresOutsideExperiments
        self.firstSession = firstSession
        self.lastSession = lastSession
    }
}
