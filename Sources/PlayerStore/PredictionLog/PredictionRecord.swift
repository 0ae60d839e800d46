import Foundation
import MotivationEngine
import SQLKit

/// One target and message shown to a player, as the prediction log (`engine_predictions`) keeps
/// it: the basis of later retention analysis.
public struct PredictionRecord: Sendable, Equatable {
    public var createdAt: Date
    public var userId: String?
    public var modelId: String
    public var segment: SegmentKey
    public var score: Double
    public var cluster: Int
    public var nextTarget: Double
    public var nextTargetPercentile: Double?
    public var status: String
    public var targetPolicy: String
    public var message: String
    public var language: String
    /// The route that showed it, e.g. `/v1/players/{userId}/motivation`.
    public var route: String

    /// The record of `analysis`, shown now through `route`.
    public init(_ analysis: Analysis, userId: String?, language: Language, route: String, at createdAt: Date = Date()) {
        let message = analysis.motivationalMessage
        self.createdAt = createdAt
        self.userId = userId
        modelId = analysis.model.id
        segment = analysis.segment
        score = analysis.playerData.score
        cluster = analysis.clusterPrediction.cluster
        nextTarget = message.nextTarget
        nextTargetPercentile = message.nextTargetPercentile
        status = message.status.rawValue
        targetPolicy = message.targetPolicy
        self.message = message.message
        self.language = language.rawValue
        self.route = route
    }

    /// UTC, ISO 8601 with milliseconds.
    private static let timestamp = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Inserts `records` in one statement (the engine's own table; run `EngineSchema.migrate` first).
    public static func insert(_ records: [PredictionRecord], on database: any SQLDatabase) async throws {
        guard !records.isEmpty else { return }
        let postgres = database.dialect.name == "postgresql"
        let rows = records.map { record -> SQLQueryString in
            let time = Self.timestamp.format(record.createdAt)
            let createdAt: SQLQueryString = postgres ? "\(bind: time)::timestamptz" : "\(bind: time)"
            return "(" + createdAt
                + """
                , \(bind: record.userId), \(bind: record.modelId), \(bind: record.segment.gameMode), \
                \(bind: record.segment.difficulty), \(bind: record.segment.durationMinutes), \(bind: record.score), \
                \(bind: record.cluster), \(bind: record.nextTarget), \(bind: record.nextTargetPercentile), \
                \(bind: record.status), \(bind: record.targetPolicy), \(bind: record.message), \(bind: record.language), \
                \(bind: record.route))
                """
        }
        let insert: SQLQueryString = """
            INSERT INTO engine_predictions (created_at, user_id, model_id, game_mode, difficulty, duration_minutes, \
            score, cluster, next_target, next_target_percentile, status, target_policy, message, language, route) VALUES 
            """
        try await database.raw(insert + rows.joined(separator: ", ")).run()
    }
}
