import Foundation
import Hummingbird
import Logging
import PlayerStore
import ServiceLifecycle

/// Builds the HTTP service: see `EngineService`. Run the result with `ServerLifecycle`.
///
/// - Throws: `ModelFileError` when the models folder holds no usable model;
///   `DatabaseError.invalidLocation` for a database URL the driver refuses;
///   `ServerConfigurationError.tooFewOpenFiles` when the open-file limit leaves no room for connections.
public func buildApplication(
    _ configuration: ServerConfiguration, metrics: EngineMetrics = EngineMetrics(),
    logger: Logger = Logger(label: "sphery.server")
) throws -> some ApplicationProtocol {
    try EngineService(configuration, metrics: metrics, logger: logger).application()
}

/// Routes another module adds to the service (the dashboard), made from the service's parts
/// and registered behind the same middleware as the API's.
public protocol EngineRoutes: Sendable {
    /// Registers the routes on `router`.
    func add(to router: Router<EngineRequestContext>)
}

/// The parts of the HTTP service: the models, the database pool, the prediction log, the
/// routes and middleware, the connection limits, and the background services. Graceful
/// shutdown (SIGTERM/SIGINT with `ServerLifecycle`) stops the server first (no new
/// connections, in-flight requests finish and their answers close their connections), then
/// the prediction log writes what is queued, then the pool closes.
public struct EngineService: Sendable {
    /// What the service was started with.
    public let configuration: ServerConfiguration
    /// The service's metrics, served at `/metrics`.
    public let metrics: EngineMetrics
    /// The models serving now, from their folder or the model registry.
    public var models: any ModelSource {
        switch origin {
        case .folder(let store): store
        case .registry(let source): source
        }
    }
    /// The database pool; nil without a database.
    public let pool: DatabasePool?
    /// The players in the database, through the pool; nil without a database.
    public let players: (any PlayerRepository)?
    /// The exposure log in the database, through the pool; nil without a database.
    public let exposures: (any ExposureRepository)?
    /// The exposure log's writer; nil without a database or with the log turned off.
    public let predictionLog: PredictionLog?
    /// The most connections served at once, fitted into the open-file limit.
    public let connectionLimit: ConnectionLimit
    /// Routes other modules add (the dashboard), registered after the API's.
    public var extensions: [any EngineRoutes] = []
    /// The service's logger.
    public let logger: Logger
    /// The models as their source is kept up to date: a folder to watch, or the registry to follow.
    private let origin: LoadedOrigin

    private enum LoadedOrigin {
        case folder(ModelStore)
        case registry(RegistryModelSource)
    }

    /// Loads the models of the models folder, prepares (without connecting) the database pool,
    /// and fits the connection limit into the process's open-file limit (a warning says when it
    /// is lowered). A service serving the model registry is built with `load` instead.
    /// - Throws: `ModelFileError` when the models folder holds no usable model;
    ///   `DatabaseError.invalidLocation` for a database URL the driver refuses;
    ///   `ServerConfigurationError.tooFewOpenFiles` when the open-file limit leaves no room for
    ///   connections, `.registryNeedsLoad` for the registry origin.
    public init(_ configuration: ServerConfiguration, metrics: EngineMetrics = EngineMetrics(), logger: Logger) throws {
        guard configuration.modelOrigin == .folder else { throw ServerConfigurationError.registryNeedsLoad }
        let folder = try ModelStore(directory: configuration.modelsDirectory, personal: configuration.personalTargets)
        try self.init(
            configuration, metrics: metrics, logger: logger, pool: try Self.pool(configuration, logger: logger), origin: .folder(folder))
    }

    /// Builds the service for either model origin: as `init`, or, for the registry, with the
    /// pool made first and the active models read through it.
    /// - Throws: as `init`; for the registry also `ServerConfigurationError.registryWithoutDatabase`,
    ///   `ModelRegistryError` (not set up, nothing published), `ModelFileError` naming a model
    ///   that cannot be used, `DatabaseError.unreachable`.
    public static func load(_ configuration: ServerConfiguration, metrics: EngineMetrics = EngineMetrics(), logger: Logger) async throws
        -> EngineService
    {
        guard configuration.modelOrigin == .registry else { return try EngineService(configuration, metrics: metrics, logger: logger) }
        guard let pool = try pool(configuration, logger: logger) else { throw ServerConfigurationError.registryWithoutDatabase }
        do {
            let source = try await RegistryModelSource(
                registry: PooledModelRegistry(pool: pool), personal: configuration.personalTargets,
                cache: configuration.modelCache.map(ModelCache.init), logger: logger)
            return try EngineService(configuration, metrics: metrics, logger: logger, pool: pool, origin: .registry(source))
        } catch {
            await pool.shutdown()
            throw error
        }
    }

    private init(
        _ configuration: ServerConfiguration, metrics: EngineMetrics, logger: Logger, pool: DatabasePool?, origin: LoadedOrigin
    ) throws {
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        self.origin = origin
        self.pool = pool
        players = pool.map { PooledPlayerRepository(pool: $0) }
        exposures = pool.map { PooledExposureRepository(pool: $0) }
        predictionLog =
            configuration.predictionLog
            ? pool.map {
                PredictionLog(pool: $0, metrics: metrics, logger: logger, shutdownGrace: configuration.shutdownGracePeriod)
            } : nil
        connectionLimit = try ConnectionLimit(
            configured: configuration.maximumConnections, openFiles: OpenFileLimit.current,
            reserved: ConnectionLimit.reserve(databaseConnections: pool?.capacity ?? 0))
        if connectionLimit.isLowered {
            logger.warning(
                "the connection limit is lowered to what the open-file limit allows",
                metadata: [
                    "max_connections": "\(connectionLimit.maximum)", "configured": "\(connectionLimit.configured)",
                    "open_files": "\(connectionLimit.openFiles)", "reserved": "\(connectionLimit.reserved)",
                ])
        }
    }

    /// The database pool of `configuration`, prepared without connecting; nil without a database.
    private static func pool(_ configuration: ServerConfiguration, logger: Logger) throws -> DatabasePool? {
        try configuration.database.map {
            try DatabasePool(
                $0, connectionsPerLoop: configuration.databaseConnectionsPerLoop, timeout: configuration.databaseTimeout,
                statementTimeout: configuration.databaseStatementTimeout, logger: logger)
        }
    }

    /// Every route, behind the request log and the error middleware.
    public func router() -> Router<EngineRequestContext> {
        let router = Router(context: EngineRequestContext.self)
        let routes = RouteTable()
        router.add(middleware: RequestLogMiddleware(metrics: metrics))
        router.add(middleware: ErrorMiddleware(routes: routes))
        AnalyzeRoutes(
            models: models, metrics: metrics, predictionLog: predictionLog, experiments: configuration.experiments,
            limits: .init(
                body: configuration.maximumBodyBytes, batchBody: configuration.maximumBatchBytes,
                batchItems: configuration.maximumBatchItems)
        ).add(to: router)
        PlayerRoutes(
            models: models, players: players, metrics: metrics, predictionLog: predictionLog, experiments: configuration.experiments
        ).add(to: router)
        ModelRoutes(models: models, adminKey: configuration.adminKey, metrics: metrics).add(to: router)
        OperationsRoutes(models: models, pool: pool, predictionLog: predictionLog, metrics: metrics).add(to: router)
        ReportRoutes(exposures: exposures, experiments: configuration.experiments).add(to: router)
        for routes in extensions { routes.add(to: router) }
        routes.record(router.routes)
        return router
    }

    /// The background services, in start order (they shut down in reverse, after the server).
    public var services: [any Service] {
        var services: [any Service] = []
        if let pool { services.append(DatabasePoolService(pool: pool)) }
        if let predictionLog { services.append(predictionLog) }
        switch origin {
        case .folder(let store):
            if let interval = configuration.reloadInterval {
                services.append(ModelFolderWatcher(store: store, interval: interval, metrics: metrics, logger: logger))
            }
        case .registry(let source):
            var notifications: String?
            if case .postgres(let url) = configuration.database { notifications = url }
            services.append(
                ModelRegistryWatcher(
                    source: source, notifications: notifications,
                    interval: configuration.reloadInterval ?? (notifications == nil ? .seconds(1) : .seconds(10)), metrics: metrics,
                    logger: logger))
        }
        return services
    }

    /// The application: the router served on the configured address with the request and idle
    /// timeouts and the connection limit (`HTTPChannelSettings`, `ConnectionLimit`), with the services.
    public func application() -> some ApplicationProtocol {
        Application(
            router: router(),
            server: HTTPChannelSettings.server(configuration, metrics: metrics, logger: logger),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "sphery-engine",
                availableConnectionsDelegate: connectionLimit.delegate(metrics: metrics, logger: logger)),
            services: services,
            logger: logger)
    }
}
