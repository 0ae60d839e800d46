import Foundation
import Hummingbird
import Logging
import PlayerStore
import ServiceLifecycle

/// Builds the HTTP service: loads the models, prepares the database pool and the prediction log,
/// and wires the routes and middleware. Run the result with `runService()` (graceful shutdown
/// on SIGTERM/SIGINT: the server stops accepting and finishes in-flight requests, then the
/// prediction log writes what is queued, then the pool closes).
///
/// - Throws: `ModelFileError` when the models folder holds no usable model;
///   `DatabaseError.invalidLocation` for a database URL the driver refuses.
public func buildApplication(
    _ configuration: ServerConfiguration, metrics: EngineMetrics = EngineMetrics(),
    logger: Logger = Logger(label: "sphery.server")
) throws -> some ApplicationProtocol {
    let models = try ModelStore(directory: configuration.modelsDirectory)
    let pool = try configuration.database.map {
        try DatabasePool(
            $0, connectionsPerLoop: configuration.databaseConnectionsPerLoop, timeout: configuration.databaseTimeout,
            logger: logger)
    }
    let predictionLog = configuration.predictionLog ? pool.map { PredictionLog(pool: $0, metrics: metrics, logger: logger) } : nil

    let router = Router()
    router.add(middleware: RequestLogMiddleware(metrics: metrics))
    router.add(middleware: ErrorMiddleware())
    AnalyzeRoutes(
        models: models, metrics: metrics, predictionLog: predictionLog,
        limits: .init(
            body: configuration.maximumBodyBytes, batchBody: configuration.maximumBatchBytes,
            batchItems: configuration.maximumBatchItems)
    ).add(to: router)
    PlayerRoutes(models: models, pool: pool, metrics: metrics, predictionLog: predictionLog).add(to: router)
    ModelRoutes(models: models, adminKey: configuration.adminKey, metrics: metrics).add(to: router)
    OperationsRoutes(models: models, pool: pool, metrics: metrics).add(to: router)

    // Shut down in reverse order: the server first, then the prediction log, then the pool.
    var services: [any Service] = []
    if let pool { services.append(DatabasePoolService(pool: pool)) }
    if let predictionLog { services.append(predictionLog) }
    if let interval = configuration.reloadInterval {
        services.append(ModelFolderWatcher(store: models, interval: interval, metrics: metrics, logger: logger))
    }
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "sphery-engine"),
        services: services,
        logger: logger)
}
