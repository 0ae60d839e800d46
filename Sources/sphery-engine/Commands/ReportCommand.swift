import ArgumentParser
import ExperimentReport
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
    var hitWorkouts: Int = ExposureOutcome.defaultFollowUpWorkouts

    @OptionGroup var language: LanguageOption

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
        var reporter = RetentionReporter(
            experiment: experiment, plan: try experiments.map { try ExperimentPlan.load(from: URL(fileURLWithPath: $0)) },
            asOf: try asOfDate(), hitWorkouts: hitWorkouts)
        reporter.language = try language.validated()
        let request = reporter
        let result = try await PlayerDatabase.with(try database.location()) { db in
            try await request.report(from: try await ExposureOutcomeQuery.verified(db)) { StandardError.print($0) }
        }
        StandardError.print("  outcomes read in \(Self.seconds(result.query)), report built in \(Self.seconds(result.building))")
        return result.report
    }

    /// `--as-of`, parsed.
    private func asOfDate() throws -> Date? {
        guard let asOf else { return nil }
        guard let date = ExperimentPlan.parseDate(asOf) else {
            throw ValidationError("--as-of must be \(ExperimentPlan.dateFormat), got '\(asOf)'")
        }
        return date
    }

    /// A duration as seconds with one decimal: `3.2 s`.
    private static func seconds(_ duration: Duration) -> String {
        NumberStyle.english.format(duration / .seconds(1), fractionDigits: 1) + " s"
    }
}
