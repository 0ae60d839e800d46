import ExperimentReport
import Foundation
import Hummingbird
import MotivationEngine
import PlayerStore

/// `GET /v1/reports/retention`: an experiment's retention report from the exposure log and the
/// workouts in the database (built on request; a large log takes seconds).
public struct ReportRoutes: Sendable {
    typealias Context = EngineRequestContext

    /// The exposure log; nil without a database (503).
    let exposures: (any ExposureRepository)?
    let experiments: ExperimentPlan

    func add(to router: Router<Context>) {
        router.get("/v1/reports/retention") { request, _ in
            try await Self.report(for: request, exposures: exposures, experiments: experiments)
        }
    }

    /// The report the query asks for: `experiment` (default: the only one logged), `as_of` (a
    /// date or ISO 8601 time; default: the data's clock) and `hit_workouts` (K, default 5).
    /// - Throws: 400 for a malformed parameter, 503 without a database, 404 for an unknown experiment.
    public static func report(
        for request: Request, exposures: (any ExposureRepository)?, experiments: ExperimentPlan
    ) async throws -> RetentionReport {
        let query = QueryParameters(request)
        var reporter = RetentionReporter(plan: experiments.experiments.isEmpty ? nil : experiments)
        reporter.experiment = query.text("experiment")
        if let date = try query.value("as_of", expected: ExperimentPlan.dateFormat, ExperimentPlan.parseDate) {
            reporter.asOf = date
        }
        if let k = try query.integer("hit_workouts", in: 1...100) {
            reporter.hitWorkouts = k
        }
        reporter.language = try query.language()
        guard let exposures else { throw APIError.noDatabase }
        let request = reporter
        return try await exposures.withOutcomes { try await request.report(from: $0).report }
    }
}

extension APIError {
    /// The answer to a report that cannot be made.
    init(_ error: RetentionReporterError) {
        switch error {
        case .unknownExperiment, .notInPlan:
            self.init(.notFound, code: "unknown_experiment", message: error.description)
        case .chooseExperiment(let logged) where logged.isEmpty:
            self.init(.notFound, code: "no_experiment", message: error.description)
        case .chooseExperiment:
            self.init(.badRequest, code: "ambiguous_experiment", message: error.description + " (?experiment=)")
        }
    }
}
