import Foundation
import Hummingbird
import Logging
import MotivationEngine

/// What is loaded (`GET /v1/segments`, `/v1/models`, `/v1/models/{segment}`) and the reload
/// (`POST /v1/models/reload`, admin key required).
struct ModelRoutes: Sendable {
    typealias Context = EngineRequestContext

    let models: ModelStore
    let adminKey: AdminKey?
    let metrics: EngineMetrics

    func add(to router: Router<Context>) {
        router.get("/v1/segments") { _, _ in try Response.json(encoding: SegmentList(models.current.registry)) }
        router.get("/v1/models") { _, _ in
            let loaded = models.current
            return try Response.json(encoding: ModelList(
                loadedAt: loaded.loadedAt,
                models: loaded.registry.engines.values.map(ModelSummary.init).sorted { $0.name < $1.name }))
        }
        router.get("/v1/models/{segment}") { _, context in
            let name = try context.parameters.require("segment")
            let registry = models.current.registry
            guard let engine = registry.engine(named: name) else {
                let known = registry.segmentNames.joined(separator: ", ")
                throw APIError(.notFound, code: "unknown_segment", message: "no model for segment '\(name)'; loaded: \(known)")
            }
            return try Response.json(encoding: engine.modelInfo)
        }
        router.post("/v1/models/reload") { request, context in try reload(request, context: context) }
    }

    func reload(_ request: Request, context: Context) throws -> Response {
        guard let adminKey, adminKey.authorizes(request) else { throw APIError.unauthorized }
        do {
            let loaded = try models.reload()
            metrics.recordReload(succeeded: true)
            context.logger.info(
                "models reloaded",
                metadata: ["request_id": .string(context.requestID), "models": "\(loaded.registry.engines.count)", "trigger": "api"])
            return try Response.json(encoding: ReloadResult(loadedAt: loaded.loadedAt, segments: loaded.registry.segmentNames))
        } catch let error as ModelFileError {
            metrics.recordReload(succeeded: false)
            context.logger.error(
                "model reload refused; the old models keep serving",
                metadata: ["request_id": .string(context.requestID), "error": "\(error)"])
            throw APIError(
                .unprocessableContent, code: "model_reload_failed",
                message: "\(error); the models loaded before keep serving")
        }
    }

}

/// `GET /v1/segments`.
struct SegmentList: Encodable {
    let segments: [SegmentEntry]

    struct SegmentEntry: Encodable {
        let name: String
        let segment: SegmentKey
        let players: Int
        let clusters: Int
    }

    init(_ registry: ModelRegistry) {
        segments = registry.engines.values.map { engine in
            SegmentEntry(
                name: engine.model.segment.fileStem, segment: engine.model.segment, players: engine.model.rows.players,
                clusters: engine.model.clusters.count)
        }.sorted { $0.name < $1.name }
    }
}

/// `GET /v1/models`.
struct ModelList: Encodable {
    let loadedAt: Date
    let models: [ModelSummary]

    enum CodingKeys: String, CodingKey {
        case models
        case loadedAt = "loaded_at"
    }
}

/// One model in `GET /v1/models`.
struct ModelSummary: Encodable {
    let name: String
    let id: String
    let segment: SegmentKey
    let trainedAt: Date
    let players: Int
    let clusters: [String]
    let bic: Double
    let features: [Feature]

    enum CodingKeys: String, CodingKey {
        case name, id, segment, players, clusters, bic, features
        case trainedAt = "trained_at"
    }

    init(_ engine: SegmentEngine) {
        let model = engine.model
        name = model.segment.fileStem
        id = model.id
        segment = model.segment
        trainedAt = model.trainedAt
        players = model.rows.players
        clusters = model.clusters.map(\.label)
        bic = model.fit.bic
        features = model.features
    }
}

/// `POST /v1/models/reload`.
struct ReloadResult: Encodable {
    let loadedAt: Date
    let segments: [String]

    enum CodingKeys: String, CodingKey {
        case segments
        case loadedAt = "loaded_at"
    }
}
