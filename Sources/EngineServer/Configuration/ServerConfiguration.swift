import Foundation
import MotivationEngine
import PlayerStore

/// Everything `serve` needs to know; the command line and environment fill it in.
public struct ServerConfiguration: Sendable {
    /// The address to listen on (loopback by default).
    public var host = "127.0.0.1"
    /// The port (0 picks a free one).
    public var port = 8080
    /// The folder of model files (with `modelOrigin` `.folder`).
    public var modelsDirectory: URL
    /// Where the models come from: the folder (the embedded default) or the database's model
    /// registry.
    public var modelOrigin = ModelOrigin.folder
    /// With the registry origin: a folder where the models serving are kept, to start from when
    /// the database cannot be reached at start (nil: no cache; the start then fails).
    public var modelCache: URL?
    /// The player database, for the routes that look players up and for the prediction log;
    /// without one those routes answer 503 and `/v1/analyze` works alone.
    public var database: DatabaseLocation?
    /// Pooled connections per event loop.
    public var databaseConnectionsPerLoop = 4
    /// The longest wait for a database connection.
    public var databaseTimeout: Duration = .seconds(5)
    /// The longest a unit of database work may take (PostgreSQL's `statement_timeout`, and the
    /// pool's guard just past it).
    public var databaseStatementTimeout: Duration = .seconds(30)
    /// The key for admin routes; without one they answer 401 to everybody.
    public var adminKey: AdminKey?
    /// How often to check the models folder for new files (nil: only on
    /// `POST /v1/models/reload`), or the registry's active versions (nil: every second on
    /// SQLite, every 10 s on PostgreSQL, where notifications switch at once and the check is a
    /// safety net).
    public var reloadInterval: Duration?
    /// The largest request body accepted by the single-player routes.
    public var maximumBodyBytes = 64 * 1024
    /// The largest batch request body.
    public var maximumBatchBytes = 8 * 1024 * 1024
    /// The most players in one batch request.
    public var maximumBatchItems = 10_000
    /// Whether to record shown targets in the engine's prediction log (needs a database).
    public var predictionLog = true
    /// The settings of the `personal` and `blended` target policies.
    public var personalTargets = PersonalTargetSettings.standard
    /// The retention experiments (`--experiments FILE`); none by default.
    public var experiments = ExperimentPlan(experiments: [])
    /// The longest a request may take to arrive, from its first byte to the end of its body; a
    /// client still sending then gets 408 `request_timeout` and its connection is closed.
    public var requestTimeout: Duration = .seconds(30)
    /// How long a keep-alive connection may stay idle between requests before it is closed
    /// (longer than the 60 s a load balancer such as nginx keeps idle upstream connections,
    /// so that the balancer, not the engine, closes them).
    public var idleTimeout: Duration = .seconds(75)
    /// The most connections served at once; more wait in the listen backlog until one closes.
    /// Lowered at start to what the process's open-file limit allows (`ConnectionLimit`).
    public var maximumConnections = 4096
    /// How long a graceful shutdown may take (the server finishing its requests, then the
    /// background services) before what is still running is cancelled.
    public var shutdownGracePeriod: Duration = .seconds(10)

    /// The defaults, serving the models of `modelsDirectory` without a database.
    public init(modelsDirectory: URL) {
        self.modelsDirectory = modelsDirectory
    }
}

/// Where the service's models come from.
public enum ModelOrigin: Sendable, Equatable {
    /// The model files of `ServerConfiguration.modelsDirectory`.
    case folder
    /// The active versions in the database's model registry (`engine_models`); needs a database.
    case registry
}

/// A configuration that cannot work, in words for the operator.
public enum ServerConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The admin key is too short to be a secret.
    case weakAdminKey
    /// The open-file limit leaves too few descriptors for connections.
    case tooFewOpenFiles(openFiles: Int, reserved: Int)
    /// The models are to come from the registry, but there is no database.
    case registryWithoutDatabase
    /// The registry is read from the database, which `EngineService.init` does not wait for.
    case registryNeedsLoad

    /// The settings as the start-up log shows them, the admin key hidden.
    public var description: String {
        switch self {
        case .weakAdminKey: return "the admin key must be at least 16 characters"
        case .registryWithoutDatabase:
            return "the models are to come from the model registry, which lives in the database: give --db (SPHERY_DB_URL)"
        case .registryNeedsLoad: return "a service serving the model registry is built with EngineService.load"
        case .tooFewOpenFiles(let openFiles, let reserved):
            return """
                the process may open only \(openFiles) files (RLIMIT_NOFILE) and the engine keeps \(reserved) of them for \
                itself: too few are left for connections; raise the limit (ulimit -n, or LimitNOFILE= in the systemd unit)
                """
        }
    }
}
