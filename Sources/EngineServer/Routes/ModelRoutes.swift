import EngineAPI
import Foundation
import Hummingbird
import Logging
import MotivationEngine
import PlayerStore

/// What is loaded (`GET /v1/segments`, `/v1/models`, `/v1/models/{segment}`) and the reload
/// (`POST /v1/models/reload`, admin key required).
struct ModelRoutes: Sendable {
    typealias Context = EngineRequestContext

    let models: any ModelSource
    let adminKey: AdminKey?
    let metrics: EngineMetrics

    func add(to router: Router<Context>) {
        router.get("/v1/segments") { _, _ in SegmentList(models.current.registry) }
        router.get("/v1/models") { _, _ in
            let loaded = models.current
            return ModelList(
                loadedAt: loaded.loadedAt,
                models: loaded.registry.engines.values.map(ModelSummary.init).sorted { $0.name < $1.name })
        }
        router.get("/v1/models/{segment}") { _, context in
            let name = try context.parameters.require("segment")
            let registry = models.current.registry
            guard let engine = registry.engine(named: name) else {
                let known = registry.segmentNames.joined(separator: ", ")
                throw APIError(.notFound, code: "unknown_segment", message: "no model for segment '\(name)'; loaded: \(known)")
            }
            return engine.modelInfo
        }
        router.post("/v1/models/reload") { request, context in try await reload(request, context: context) }
    }

    func reload(_ request: Request, context: Context) async throws -> ReloadResult {
        guard let adminKey, adminKey.authorizes(request) else { throw APIError.unauthorized }
        do {
            let loaded = try await models.reload()
            metrics.recordReload(succeeded: true)
            context.logger.info(
                "models reloaded",
                metadata: ["request_id": .string(context.requestID), "models": "\(loaded.registry.engines.count)", "trigger": "api"])
            return ReloadResult(loadedAt: loaded.loadedAt, segments: loaded.registry.segmentNames)
        } catch let error where error is ModelFileError || error is ModelRegistryError {
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
