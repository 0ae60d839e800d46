import Foundation

/// Why a simulation did not run.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The number of weeks is outside `PlaySimulation.weeksRange`.
    case invalidWeeks(Int)
    /// The effects cannot be simulated (see `SimulatedEffects.problem(in:)`).
    case invalidEffects(String)
    /// The database has no workouts to continue from.
    case noWorkouts
    /// No experiment runs at any time of the simulated period.
    case noRunningExperiment(from: Date, to: Date)

    /// The problem in words.
    public var description: String {
        switch self {
        case .invalidWeeks(let weeks):
            return "the weeks to simulate must be between \(PlaySimulation.weeksRange.lowerBound) and "
                + "\(PlaySimulation.weeksRange.upperBound), got \(weeks)"
        case .invalidEffects(let problem):
            return problem
        case .noWorkouts:
            return "the database has no workouts to continue from (write a demo database first)"
        case .noRunningExperiment(let from, let to):
            let style = Date.ISO8601FormatStyle()
            return "no experiment runs between \(style.format(from)) and \(style.format(to)); "
                + "the simulation needs one to assign the players' arms"
        }
    }
}
