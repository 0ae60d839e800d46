import Foundation
import MotivationEngine
import SQLKit
import Synchronization

/// One target and message shown to a player, as the exposure log (`engine_predictions`) keeps
/// it: the basis of the retention report. A record made inside an experiment also records the
/// player's arm in `engine_experiment_assignments` at their first exposure.
public struct PredictionRecord: Sendable, Equatable {
    /// The record's own id (`RecordID.next()`): writing the same record twice (a batch retried
    /// after a connection lost during its commit) stores it once.
    public var recordId: String
    /// When the target was shown.
    public var createdAt: Date
    /// The player, when the caller gave an id.
    public var userId: String?
    /// The model that made the analysis.
    public var modelId: String
    /// The segment.
    public var segment: SegmentKey
    /// The score analysed.
    public var score: Double
    /// The player's level.
    public var cluster: Int
    /// The level's name in the language shown.
    public var clusterLabel: String
    /// The next target, in points.
    public var nextTarget: Double
    /// Its percentile; nil for a personal target.
    public var nextTargetPercentile: Double?
    /// The message status, e.g. `approaching`.
    public var status: String
    /// The policy that set the target, e.g. `cohort`.
    public var targetPolicy: String
    /// Where the target came from (`cohort`, `personal`, `personal_step`).
    public var targetSource: String
    /// False when the target was computed but hidden (an experiment's control arm).
    public var targetShown: Bool
    /// The message shown.
    public var message: String
    /// The message template's id (`status#position`).
    public var templateId: String
    /// The message's language code, e.g. `de`.
    public var language: String
    /// The route that showed it, e.g. `/v1/players/{userId}/motivation`.
    public var route: String
    /// The experiment and arm the player was in, if any.
    public var experiment: String?
    /// The arm, when the player was in an experiment.
    public var arm: String?

    /// The record of `analysis`, shown now through `route`, in `assignment`'s arm if any.
    public init(
        _ analysis: Analysis, userId: String?, language: Language, route: String,
        assignment: ExperimentPlan.Assignment? = nil, at createdAt: Date = Date()
    ) {
        let message = analysis.motivationalMessage
        recordId = RecordID.next()
        self.createdAt = createdAt
        self.userId = userId
        modelId = analysis.model.id
        segment = analysis.segment
        score = analysis.playerData.score
        cluster = analysis.clusterPrediction.cluster
        clusterLabel = analysis.clusterPrediction.clusterLabel
        nextTarget = message.nextTarget
        nextTargetPercentile = message.nextTargetPercentile
        status = message.status.rawValue
        targetPolicy = message.targetPolicy.rawValue
        targetSource = message.targetReason.source.rawValue
        targetShown = message.targetShown
        self.message = message.message
        templateId = message.templateId
        self.language = language.rawValue
        self.route = route
        experiment = assignment?.experiment
        arm = assignment?.arm.name
    }

    /// UTC, ISO 8601 with milliseconds.
    private static let timestamp = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Inserts `records` in one statement, and the experiment arms of players seen for the first
    /// time in a second (the engine's own tables; run `EngineSchema.migrate` first). Both
    /// statements skip what is already stored, so a batch may be written again after a failure
    /// without storing anything twice.
    public static func insert(_ records: [PredictionRecord], on database: any SQLDatabase) async throws {
        guard !records.isEmpty else { return }
        let postgres = SQLBackend(database) == .postgresql
        func time(_ date: Date) -> SQLQueryString {
            let text = Self.timestamp.format(date)
            return postgres ? "\(bind: text)::timestamptz" : "\(bind: text)"
        }
        let rows = records.map { record -> SQLQueryString in
            "(\(bind: record.recordId), " + time(record.createdAt)
                + """
                , \(bind: record.userId), \(bind: record.modelId), \(bind: record.segment.gameMode), \
                \(bind: record.segment.difficulty), \(bind: record.segment.durationMinutes), \(bind: record.score), \
                \(bind: record.cluster), \(bind: record.clusterLabel), \(bind: record.nextTarget), \
                \(bind: record.nextTargetPercentile), \(bind: record.status), \(bind: record.targetPolicy), \
                \(bind: record.targetSource), \(bind: record.targetShown), \(bind: record.message), \
                \(bind: record.templateId), \(bind: record.language), \(bind: record.route), \(bind: record.experiment), \
                \(bind: record.arm))
                """
        }
        let insert: SQLQueryString = """
            INSERT INTO engine_predictions (record_id, created_at, user_id, model_id, game_mode, difficulty, duration_minutes, \
            score, cluster, cluster_label, next_target, next_target_percentile, status, target_policy, target_source, \
            target_shown, message, template_id, language, route, experiment, arm) VALUES 
            """
        try await database.raw(insert + rows.joined(separator: ", ") + " ON CONFLICT (record_id) DO NOTHING").run()
        // The first record of a player in an experiment fixes their arm; later ones change nothing.
        var seen = Set<[String]>()
        let assignments = records.compactMap { record -> SQLQueryString? in
            guard let experiment = record.experiment, let arm = record.arm, let user = record.userId,
                seen.insert([experiment, user]).inserted
            else { return nil }
            return "(\(bind: experiment), \(bind: user), \(bind: arm), " + time(record.createdAt) + ")"
        }
        guard !assignments.isEmpty else { return }
        try await database.raw(
            "INSERT INTO engine_experiment_assignments (experiment, user_id, arm, assigned_at) VALUES "
                + assignments.joined(separator: ", ") + " ON CONFLICT (experiment, user_id) DO NOTHING"
        ).run()
    }
}

/// Exposure record ids: a random UUID made once per process, and a counter. Unique across
/// replicas and restarts like a UUID per record, without drawing random bytes for every
/// record on the request path.
enum RecordID {
    private static let process = UUID().uuidString
    private static let counter = Atomic<UInt64>(0)

    /// The next id, `<process UUID>-<counter in hex>`.
    static func next() -> String {
        process + "-" + String(counter.wrappingAdd(1, ordering: .relaxed).newValue, radix: 16)
    }
}
