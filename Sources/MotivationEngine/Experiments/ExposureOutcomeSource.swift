import Foundation

/// Where the outcomes of an experiment's exposures come from: the seam between the retention
/// report and the database. PlayerStore's `ExposureOutcomeQuery` reads them with SQL on SQLite or
/// PostgreSQL; a test can hand the report any other source.
public protocol ExposureOutcomeSource: Sendable {
    /// The experiments with at least one exposure, by name.
    func experiments() async throws -> [String]
    /// The data's clock: the latest workout or exposure (the report's default "as of"); nil
    /// when there is none.
    func dataClock() async throws -> Date?
    /// What happened after each player's first exposure in `experiment`, one outcome per player,
    /// counting `followUpWorkouts` same-segment workouts after the exposure.
    func outcomes(experiment: String, followUpWorkouts: Int) async throws -> [ExposureOutcome]
}
