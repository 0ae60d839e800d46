import ArgumentParser
import Foundation
import MotivationEngine
import PlayerStore

/// `sphery-engine report`: the retention report of an experiment from the exposure log.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The retention report of an experiment: whether its arms bring players back, compared with control.",
        discussion: """
            Reads each player's first exposure in the experiment from the engine's exposure log \
            (engine_predictions) and what they played afterwards, then compares the arms with control: \
            the 7-day return (the primary metric), the 28-day return, the target hit within the next \
            K workouts in the segment and the workouts in 28 days, with 95% confidence intervals; a \
            Kaplan–Meier curve of the return; whether the sample is large enough; and the same per \
            segment and cluster. Windows still open at --as-of are left out and counted. Progress goes \
            to standard error.
            """)

    @OptionGroup var database: DatabaseOption

    @Option(help: "The experiment to report (default: the only one in the exposure log).")
    var experiment: String?

    @Option(help: "Experiments file (JSON, as `serve --experiments`): the experiment's arms and minimum detectable effect (default 0.05).")
    var experiments: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "The report's now, a date (2026-12-01, midnight UTC) or ISO 8601 time (default: the latest workout or exposure in the database).",
            valueName: "date"))
    var asOf: String?

    @Option(name: .customLong("hit-workouts"), help: "K: the follow-up workouts in the segment in which a player may reach the target.")
    var hitWorkouts: Int = ExposureOutcomeQuery.defaultFollowUpWorkouts

    @Flag(help: "Print the report as JSON instead of text.")
    var json = false

    func validate() throws {
        guard hitWorkouts >= 1 else { throw ValidationError("--hit-workouts must be at least 1, got \(hitWorkouts)") }
        _ = try asOfDate()
    }

    func run() async throws {
        let report = try await report()
        print(json ? try JSONOutput.string(report) : RetentionReportText.render(report))
    }

    /// The report the options ask for.
    func report() async throws -> RetentionReport {
        let plan = try experiments.map { try ExperimentPlan.load(from: URL(fileURLWithPath: $0)) }
        let requested = experiment
        let asOf = try asOfDate()
        let hitWorkouts = hitWorkouts
        let clock = ContinuousClock()
        let (name, outcomes, dataClock) = try await PlayerDatabase.with(try database.location()) { db in
            let query = ExposureOutcomeQuery(db)
            let name = try Self.experimentName(requested: requested, logged: try await query.experiments(), plan: plan)
            let dataClock = asOf == nil ? try await query.dataClock() : nil
            StandardError.print("querying the outcomes of \(name)…")
            let start = clock.now
            let outcomes = try await query.outcomes(experiment: name, followUpWorkouts: hitWorkouts)
            StandardError.print(
                "  \(NumberStyle.english.format(integer: outcomes.count)) exposed players in \(Self.seconds(clock.now - start))")
            return (name, outcomes, dataClock)
        }
        var settings: RetentionReportSettings
        if let configured = plan?.experiment(named: name) {
            settings = RetentionReportSettings(experiment: configured, asOf: asOf ?? dataClock ?? Date())
        } else {
            settings = RetentionReportSettings(
                asOf: asOf ?? dataClock ?? Date(), plannedArms: Set(outcomes.map(\.arm)).sorted())
        }
        settings.hitWorkouts = hitWorkouts
        let start = clock.now
        let report = try RetentionReport(outcomes: outcomes, settings: settings, experiment: name)
        StandardError.print("  report built in \(Self.seconds(clock.now - start))")
        return report
    }

    /// `--as-of`, parsed.
    private func asOfDate() throws -> Date? {
        guard let asOf else { return nil }
        guard let date = ExperimentPlan.parseDate(asOf) else {
            throw ValidationError("--as-of must be a date (2026-12-01) or an ISO 8601 time (2026-12-01T09:00:00Z), got '\(asOf)'")
        }
        return date
    }

    /// The experiment to report: the one requested, which must be in the log or the experiments
    /// file (and in the file, when one is given); otherwise the only one in the log.
    /// - Throws: `ReportCommandError` naming the experiments there are.
    static func experimentName(requested: String?, logged: [String], plan: ExperimentPlan?) throws -> String {
        if let requested {
            if let plan, plan.experiment(named: requested) == nil {
                throw ReportCommandError.notInPlan(requested, planned: plan.experiments.map(\.name))
            }
            guard logged.contains(requested) || plan != nil else {
                throw ReportCommandError.unknownExperiment(requested, logged: logged)
            }
            return requested
        }
        guard logged.count == 1, let only = logged.first else {
            throw ReportCommandError.chooseExperiment(logged: logged)
        }
        return only
    }

    /// A duration as seconds with one decimal: `3.2 s`.
    private static func seconds(_ duration: Duration) -> String {
        NumberStyle.english.format(duration / .seconds(1), fractionDigits: 1) + " s"
    }
}

/// Why `report` cannot tell which experiment to report.
enum ReportCommandError: Error, CustomStringConvertible, Equatable {
    /// The experiment has no exposures in the log (and no experiments file names it).
    case unknownExperiment(String, logged: [String])
    /// The experiments file does not configure the experiment.
    case notInPlan(String, planned: [String])
    /// No --experiment, and the log does not have exactly one.
    case chooseExperiment(logged: [String])

    var description: String {
        switch self {
        case .unknownExperiment(let name, let logged):
            return "no exposures of an experiment named '\(name)' in the exposure log; "
                + (logged.isEmpty ? "it has none of any experiment" : "it has \(Self.list(logged))")
        case .notInPlan(let name, let planned):
            return "the experiments file has no experiment named '\(name)'; it has \(Self.list(planned))"
        case .chooseExperiment(let logged) where logged.isEmpty:
            return "the exposure log has no experiment yet: players are assigned to arms while `serve --experiments FILE` runs one"
        case .chooseExperiment(let logged):
            return "the exposure log has several experiments, choose one with --experiment: \(Self.list(logged))"
        }
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.map { "'\($0)'" }.joined(separator: ", ")
    }
}
