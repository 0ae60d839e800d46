import Foundation
import MotivationEngine

/// Builds an experiment's retention report from an exposure log (`ExposureOutcomeSource`: the
/// database through PlayerStore): picks the experiment, reads each player's first exposure and
/// what they played afterwards, and compares the arms. The same for the `report` command,
/// `GET /v1/reports/retention` and the dashboard.
public struct RetentionReporter: Sendable {
    /// The experiment to report; nil: the only one in the exposure log.
    public var experiment: String?
    /// The configured experiments (their arms and minimum detectable effects), if known.
    public var plan: ExperimentPlan?
    /// The report's "now"; nil: the data's clock (the latest workout or exposure).
    public var asOf: Date?
    /// K, the follow-up workouts in which a player may reach the target.
    public var hitWorkouts: Int
    /// The language of the verdict's sentences.
    public var language: Language = .en

    /// A reporter of `experiment` (nil: the only one logged) as of `asOf` (nil: the data's clock).
    public init(
        experiment: String? = nil, plan: ExperimentPlan? = nil, asOf: Date? = nil,
        hitWorkouts: Int = ExposureOutcome.defaultFollowUpWorkouts
    ) {
        self.experiment = experiment
        self.plan = plan
        self.asOf = asOf
        self.hitWorkouts = hitWorkouts
    }

    /// The report, with how long its two steps took.
    public struct Result: Sendable {
        /// The report.
        public var report: RetentionReport
        /// Reading the outcomes from the database.
        public var query: Duration
        /// Building the report from them.
        public var building: Duration
    }

    /// Reads the outcomes from `source` and builds the report; `progress` hears each step.
    /// - Throws: `RetentionReporterError` when the experiment cannot be chosen, the source's
    ///   errors (e.g. PlayerStore's `ExposureLogError` when the engine's tables are missing),
    ///   `RetentionReportError` for unusable settings.
    public func report(from source: any ExposureOutcomeSource, progress: (String) -> Void = { _ in }) async throws -> Result {
        let name = try Self.experimentName(requested: experiment, logged: try await source.experiments(), plan: plan)
        var now = asOf
        if now == nil { now = try await source.dataClock() }
        let asOf = now ?? Date()
        let clock = ContinuousClock()
        progress("querying the outcomes of \(name)…")
        var start = clock.now
        let outcomes = try await source.outcomes(experiment: name, followUpWorkouts: hitWorkouts)
        let queried = clock.now - start
        progress("\(NumberStyle.english.format(integer: outcomes.count)) exposed players")
        var settings =
            plan?.experiment(named: name).map { RetentionReportSettings(experiment: $0, asOf: asOf) }
            ?? RetentionReportSettings(asOf: asOf, plannedArms: Set(outcomes.map(\.arm)).sorted())
        settings.hitWorkouts = hitWorkouts
        settings.language = language
        start = clock.now
        let report = try RetentionReport(outcomes: outcomes, settings: settings, experiment: name)
        return Result(report: report, query: queried, building: clock.now - start)
    }

    /// The experiment to report: the one requested, which must be in the log or the
    /// experiments file (and in the file, when one is given); otherwise the only one in the log.
    /// - Throws: `RetentionReporterError` naming the experiments there are.
    static func experimentName(requested: String?, logged: [String], plan: ExperimentPlan?) throws -> String {
        if let requested {
            if let plan, plan.experiment(named: requested) == nil {
                throw RetentionReporterError.notInPlan(requested, planned: plan.experiments.map(\.name))
            }
            guard logged.contains(requested) || plan != nil else {
                throw RetentionReporterError.unknownExperiment(requested, logged: logged)
            }
            return requested
        }
        guard logged.count == 1, let only = logged.first else {
            throw RetentionReporterError.chooseExperiment(logged: logged)
        }
        return only
    }
}

/// Why the experiment to report cannot be told.
public enum RetentionReporterError: Error, CustomStringConvertible, Equatable {
    /// The experiment has no exposures in the log (and no experiments file names it).
    case unknownExperiment(String, logged: [String])
    /// The experiments file does not configure the experiment.
    case notInPlan(String, planned: [String])
    /// No experiment named, and the log does not have exactly one.
    case chooseExperiment(logged: [String])

    /// Why the experiment cannot be chosen, naming the ones that can.
    public var description: String {
        switch self {
        case .unknownExperiment(let name, let logged):
            return "no exposures of an experiment named '\(name)' in the exposure log; "
                + (logged.isEmpty ? "it has none of any experiment" : "it has \(Self.list(logged))")
        case .notInPlan(let name, let planned):
            return "the experiments file has no experiment named '\(name)'; it has \(Self.list(planned))"
        case .chooseExperiment(let logged) where logged.isEmpty:
            return "the exposure log has no experiment yet: players are assigned to arms while `serve --experiments FILE` runs one"
        case .chooseExperiment(let logged):
            return "the exposure log has several experiments, choose one: \(Self.list(logged))"
        }
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.map { "'\($0)'" }.joined(separator: ", ")
    }
}
