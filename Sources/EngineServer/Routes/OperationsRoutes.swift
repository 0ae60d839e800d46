import EngineAPI
import Foundation
import Hummingbird
import PlayerStore

/// `GET /health` (the process answers), `GET /ready` (models loaded and database reachable),
/// `GET /metrics` (Prometheus text) and `GET /openapi.yaml` (the API's contract).
struct OperationsRoutes: Sendable {
    typealias Context = EngineRequestContext

    let models: any ModelSource
    let pool: DatabasePool?
    let predictionLog: PredictionLog?
    let metrics: EngineMetrics

    func add(to router: Router<Context>) {
        router.get("/health") { _, _ in Response.json(healthyBody) }
        router.get("/ready") { _, _ in try await ready() }
        router.get("/metrics") { _, _ in
            metrics.refreshGauges(models: models.current, pool: pool, predictionLog: predictionLog)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: try openAPIBody()))
        }
    }

    /// 200 with what is ready, or 503 naming what is not.
    func ready() async throws -> Response {
        let models = models.current.registry.engines.count
        var database = "not configured"
        if let pool {
            do {
                try await pool.check()
                database = "reachable"
            } catch {
                throw APIError(.serviceUnavailable, code: "not_ready", message: "\(models) models loaded, but \(error)")
            }
        }
        return .json(ByteBuffer(string: #"{"status":"ready","models":\#(models),"database":"\#(database)"}"#))
    }
}

/// The body of `GET /health`, made once.
private let healthyBody = ByteBuffer(string: #"{"status":"ok"}"#)

/// The OpenAPI document's bytes, made once.
private let openAPIDocument = OpenAPIDocument.bytes.map { ByteBuffer(bytes: $0) }

/// The OpenAPI document's body.
/// - Throws: 500 when the resource is missing from the build (a packaging bug).
private func openAPIBody() throws -> ByteBuffer {
    guard let openAPIDocument else {
        throw APIError(.internalServerError, code: "internal_error", message: "the OpenAPI document is missing from the build")
    }
    return openAPIDocument
}
