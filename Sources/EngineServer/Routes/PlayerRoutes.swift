import EngineAPI
import Foundation
import Hummingbird
import MotivationEngine
import PlayerStore

/// `GET /v1/players/{userId}/motivation`: the live analysis of a player's latest completed
/// workout in a segment, looked up in the database, with personal best and trend; what was
/// shown goes to the prediction log.
struct PlayerRoutes: Sendable {
    typealias Context = EngineRequestContext

    static var route: String { "/v1/players/{userId}/motivation" }

    let models: any ModelSource
    /// The player database; nil without one (503).
    let players: (any PlayerRepository)?
    let metrics: EngineMetrics
    let predictionLog: PredictionLog?
    let experiments: ExperimentPlan

    func add(to router: Router<Context>) {
        router.get(RouterPath(Self.route)) { request, context in try await motivation(request, context: context) }
    }

    func motivation(_ request: Request, context: Context) async throws -> PlayerMotivation {
        let text = try context.parameters.require("userId")
        guard let user = Int(text) else { throw APIError.invalidField("userId", "must be a whole number, got '\(text)'") }
        let query = QueryParameters(request)
        let language = try query.language()
        let trend = try query.integer("trend", in: 2...1000) ?? PlayerHistory.defaultTrendWorkouts
        let engine = try models.current.registry.engine(for: try Self.segment(in: query))
        guard let players else { throw APIError.noDatabase }
        let requested = try query.oneOf("target_policy", as: TargetPolicyKind.self)
        let segment = engine.model.segment
        let history = try await players.history(
            user: user, in: segment, trendWorkouts: trend, personal: engine.personalSettings)
        let now = Date()
        let presentation = experiments.presentation(for: text, requested: requested, at: now)
        let analysis = try engine.analyzeRecorded(
            history.analysisInput(policy: presentation.policy), language: language, showTarget: presentation.showTarget)
        metrics.recordAnalysis(segment: segment, cluster: analysis.clusterPrediction.cluster)
        predictionLog?.record(
            PredictionRecord(
                analysis, userId: text, language: language, route: Self.route, assignment: presentation.assignment, at: now))
        return PlayerMotivation(analysis: analysis, history: history)
    }

    /// The segment the query names (`game_mode`, `difficulty`, `duration`); parts left out (or
    /// empty) must leave exactly one loaded model.
    private static func segment(in query: QueryParameters) throws -> AnalysisInput {
        let difficulty = try query.value("difficulty", expected: "a whole number") { Int($0) }
        let duration = try query.value("duration", expected: "a positive number of minutes, at most a day") { text in
            Double(text).flatMap(SegmentKey.wholeMinutes).map(Double.init)
        }
        return AnalysisInput(gameMode: query.text("game_mode"), difficulty: difficulty, durationMinutes: duration, score: 0)
    }
}
