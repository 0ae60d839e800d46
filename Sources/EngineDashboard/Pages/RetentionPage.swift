import EngineServer
import ExperimentReport
import Foundation
import Hummingbird
import MotivationEngine

/// The experiments page (`/reports/retention`): the form (experiment, as of, K), then the
/// experiment's retention report, or a page explaining why there is none and what to do.
struct RetentionPage: DashboardPage {
    /// The page's template.
    static let template = "retention"

    let title = "Experiments"
    let experimentsPage = true
    var form: Form
    /// The configured and logged experiments to choose from; none: a text field.
    let choices: [Choice]
    let hasChoices: Bool
    /// The configured experiments, for the explanation of how to run one.
    let configured: [String]
    let hasConfigured: Bool
    var errors = Errors()
    /// Why there is no report, when there is none and it is no field's fault.
    var problem: Problem?
    var report: RetentionReportView?

    /// The values as typed, shown back in the form.
    struct Form {
        var experiment = ""
        var asOf = ""
        var hitWorkouts = ""
    }

    struct Choice {
        let name: String
        let selected: Bool
    }

    struct Errors {
        var experiment: String?
        var asOf: String?
        var hitWorkouts: String?
    }

    struct Problem {
        let heading: String
        let message: String
        /// Whether to explain how to run an experiment.
        let howTo: Bool
    }

    /// The page for the query's form values.
    /// - Parameters:
    ///   - plan: the service's experiments.
    ///   - logged: the experiments in the exposure log.
    init(query: [String: String], plan: ExperimentPlan, logged: [String]) {
        form = Form(experiment: query["experiment"] ?? "", asOf: query["as_of"] ?? "", hitWorkouts: query["hit_workouts"] ?? "")
        configured = plan.experiments.map { experiment in
            "\(experiment.name) (from \(DashboardFormatting.date(experiment.start)); arms "
                + experiment.arms.map(\.name).joined(separator: ", ") + ")"
        }
        hasConfigured = !configured.isEmpty
        let requested = form.experiment
        let names = Set(plan.experiments.map(\.name) + logged + (requested.isEmpty ? [] : [requested])).sorted()
        choices = names.map { Choice(name: $0, selected: $0 == requested) }
        hasChoices = !choices.isEmpty
    }

    /// Shows the report.
    mutating func show(_ shown: RetentionReport) -> HTTPResponse.Status {
        guard shown.players > 0 else {
            problem = Problem(
                heading: "No player has been shown a target in “\(shown.experiment)” yet",
                message: "The experiment is configured, but the exposure log has no player in it, so there is nothing to compare.",
                howTo: true)
            return .notFound
        }
        report = RetentionReportView(shown)
        return .ok
    }

    /// Explains why there is no report, next to the field at fault or as the page's problem.
    /// - Returns: the page's status; nil for an error that is no caller's or database's (a bug,
    ///   left to the error middleware).
    mutating func explain(_ error: APIError) -> HTTPResponse.Status? {
        let message = Self.sentence(error.message)
        switch error.code {
        case "no_experiment":
            problem = Problem(
                heading: "No experiment has run yet",
                message: "No player has been shown a target in an experiment yet, so there is nothing to compare.", howTo: true)
        case "no_exposure_log":
            problem = Problem(heading: "No experiment has run yet", message: message, howTo: true)
        case "ambiguous_experiment":
            problem = Problem(
                heading: "Choose an experiment", message: "The exposure log holds several experiments; choose one above.", howTo: false)
            return .ok
        case "unknown_experiment":
            errors.experiment = message
        case "invalid_field":
            // The message names the field first, `as_of: must be …`, shown as `as_of must be ….`
            let field = error.message.prefix { $0 != ":" }
            let text = Self.statement(String(field) + error.message.dropFirst(field.count + 1))
            switch field {
            case "as_of": errors.asOf = text
            case "hit_workouts": errors.hitWorkouts = text
            default: problem = Problem(heading: "The report cannot be made", message: text, howTo: false)
            }
        case "database_unavailable":
            problem = Problem(heading: "The player database is not available", message: message, howTo: false)
        default:
            guard error.status.code < 500 else { return nil }
            problem = Problem(heading: "The report cannot be made", message: message, howTo: false)
        }
        return error.status
    }

    /// `text` as a sentence: a capital first letter, a full stop, no Markdown code quotes.
    private static func sentence(_ text: String) -> String {
        let plain = statement(text)
        return plain.prefix(1).uppercased() + plain.dropFirst()
    }

    /// `text` with a full stop and without Markdown code quotes.
    private static func statement(_ text: String) -> String {
        let plain = text.replacingOccurrences(of: "`", with: "")
        return plain.hasSuffix(".") ? plain : plain + "."
    }
}
