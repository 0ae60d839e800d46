import ArgumentParser
import EngineDashboard
import EngineServer
import Foundation
import Logging
import Metrics
import MotivationEngine
import PlayerStore

/// `sphery-engine serve`: the HTTP API and the dashboard.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API: analyses, player look-ups, models, health, readiness and metrics.",
        discussion: """
            Every option can also be set by an environment variable (the option wins): SPHERY_DB_URL, \
            SPHERY_MODELS, SPHERY_MODEL_CACHE, SPHERY_HOST, SPHERY_PORT, SPHERY_ADMIN_KEY or SPHERY_ADMIN_KEY_FILE, \
            SPHERY_RELOAD_INTERVAL, SPHERY_LOG_LEVEL, SPHERY_EXPERIMENTS, SPHERY_REQUEST_TIMEOUT, \
            SPHERY_IDLE_TIMEOUT, SPHERY_MAX_CONNECTIONS, SPHERY_SHUTDOWN_GRACE. With --demo and no database, a demo \
            SQLite database and its models are made on first start (in --demo-dir) and reused afterwards. \
            Logs are JSON lines on standard output (UTC times), one per request. At start the soft limit on \
            open files is raised to the hard limit, and --max-connections is lowered to what it allows. \
            SIGTERM or SIGINT stops it gracefully: no new connections, in-flight requests finish (their \
            answers say Connection: close), the prediction log is written, the database pool is closed; \
            whatever still runs after --shutdown-grace is cancelled.
            """)

    @Option(help: "Player database: an SQLite file or postgres:// URL [SPHERY_DB_URL]. Without one, /v1/analyze works alone.")
    var db: String?

    @Option(
        help: """
            Folder of model files, or registry: the active versions in the database's model registry, \
            switched within seconds of an activation [SPHERY_MODELS, default: models].
            """)
    var models: String?

    @Option(help: "Address to listen on [SPHERY_HOST, default: 127.0.0.1].")
    var host: String?

    @Option(help: "Port [SPHERY_PORT, default: 8080].")
    var port: Int?

    @Option(
        name: .customLong("admin-key-file"),
        help: "File holding the admin key for POST /v1/models/reload [SPHERY_ADMIN_KEY_FILE, or the key itself in SPHERY_ADMIN_KEY].")
    var adminKeyFile: String?

    @Option(
        name: .customLong("model-cache"),
        help: """
            With --models registry: a folder where the models serving are kept, to start from when the database \
            cannot be reached [SPHERY_MODEL_CACHE, default: none].
            """)
    var modelCache: String?

    @Option(
        name: .customLong("reload-interval"),
        help: """
            Seconds between checks of the models folder for new files; 0 turns it off. With --models registry: \
            between checks of the active versions [SPHERY_RELOAD_INTERVAL, default: 0; registry: 1 on SQLite, \
            10 on PostgreSQL, which also notifies at once].
            """)
    var reloadInterval: Double?

    @Option(name: .customLong("db-connections"), help: "Pooled database connections per core.")
    var dbConnections: Int = 4

    @Option(name: .customLong("db-timeout"), help: "Seconds to wait for a database connection before answering 503.")
    var dbTimeout: Double = 5

    @Option(
        name: .customLong("db-statement-timeout"),
        help: "Seconds a database query may take before it is cut off and answered 503 (PostgreSQL's statement_timeout).")
    var dbStatementTimeout: Double = 30

    @Option(name: .customLong("max-batch"), help: "Most players in one batch request.")
    var maxBatch: Int = 10_000

    @Flag(name: .customLong("no-prediction-log"), help: "Do not record shown targets in the database's prediction log.")
    var noPredictionLog = false

    @Option(
        name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical [SPHERY_LOG_LEVEL, default: info].")
    var logLevel: String?

    @Option(help: "Retention experiments, a JSON file [SPHERY_EXPERIMENTS; with --demo, default: the demo's experiments.json].")
    var experiments: String?

    @Option(
        name: .customLong("request-timeout"),
        help:
            "Seconds a request may take to arrive, from its first byte to the end of its body; then 408 and the connection closes [SPHERY_REQUEST_TIMEOUT, default: 30]."
    )
    var requestTimeout: Double?

    @Option(
        name: .customLong("idle-timeout"),
        help: "Seconds a keep-alive connection may stay idle before it is closed [SPHERY_IDLE_TIMEOUT, default: 75].")
    var idleTimeout: Double?

    @Option(
        name: .customLong("max-connections"),
        help:
            "Most connections served at once; more wait until one closes. Lowered to what the open-file limit allows [SPHERY_MAX_CONNECTIONS, default: 4096]."
    )
    var maxConnections: Int?

    @Option(
        name: .customLong("shutdown-grace"),
        help: "Seconds a graceful shutdown may take before what still runs is cancelled [SPHERY_SHUTDOWN_GRACE, default: 10].")
    var shutdownGrace: Double?

    @OptionGroup var targets: PersonalTargetOptions

    @Flag(help: "Without --db: make (once) and use a demo database and models in --demo-dir.")
    var demo = false

    @Option(name: .customLong("demo-dir"), help: "Folder of the demo database and models.")
    var demoDir: String = "sphery-demo"

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var configuration = try settings(environment)
        OpenFileLimit.raise()
        let level = try Self.logLevel(logLevel ?? environment["SPHERY_LOG_LEVEL"] ?? "info")
        let logOutput = LogOutput()
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level, output: logOutput) }
        let flushing = logOutput.startFlushing()
        defer {
            flushing.cancel()
            logOutput.flush()
        }
        let metrics = EngineMetrics()
        MetricsSystem.bootstrap(metrics.factory)
        let logger = Logger(label: "sphery.server")

        if demo && configuration.database == nil {
            let prepared = try await DemoSetup(directory: URL(fileURLWithPath: demoDir)).prepare()
            configuration.database = prepared.database
            configuration.modelsDirectory = prepared.models
            if configuration.experiments.experiments.isEmpty {
                configuration.experiments = try ExperimentPlan.load(from: prepared.experiments)
            }
        }
        let service = try await EngineService.load(configuration, metrics: metrics, logger: logger).withDashboard()
        logger.notice(
            "serving",
            metadata: [
                "address": "http://\(configuration.host):\(configuration.port)",
                "models": "\(configuration.modelOrigin == .registry ? "the model registry" : configuration.modelsDirectory.path)",
                "database": "\(configuration.database.map(\.description) ?? "none")",
                "max_connections": "\(service.connectionLimit.maximum)",
                "open_files": "\(service.connectionLimit.openFiles)",
            ])
        try await ServerLifecycle(running: service.application(), gracePeriod: configuration.shutdownGracePeriod, logger: logger).run()
    }

    /// The configuration from the options, then the environment, then the defaults.
    func settings(_ environment: [String: String]) throws -> ServerConfiguration {
        let modelsSetting = models ?? environment["SPHERY_MODELS"] ?? "models"
        var configuration = ServerConfiguration(modelsDirectory: URL(fileURLWithPath: modelsSetting))
        if modelsSetting == Self.registry {
            configuration.modelOrigin = .registry
        }
        if let cache = modelCache ?? environment["SPHERY_MODEL_CACHE"] {
            guard configuration.modelOrigin == .registry else {
                throw ValidationError("--model-cache (SPHERY_MODEL_CACHE) goes with --models registry")
            }
            configuration.modelCache = URL(fileURLWithPath: cache)
        }
        configuration.host = host ?? environment["SPHERY_HOST"] ?? configuration.host
        configuration.port = try port ?? environment["SPHERY_PORT"].map { try Self.number($0, "SPHERY_PORT") } ?? configuration.port
        guard (0...65535).contains(configuration.port) else { throw ValidationError("the port must be 0…65535, got \(configuration.port)") }
        configuration.database = try (db ?? environment["SPHERY_DB_URL"]).map(DatabaseLocation.init)
        if configuration.modelOrigin == .registry && configuration.database == nil {
            throw ValidationError(
                demo
                    ? "serve --demo serves its models folder; for the registry: train --db FILE --publish, then serve --db FILE --models registry"
                    : "--models registry reads the model registry in the database: give --db (SPHERY_DB_URL)")
        }
        configuration.adminKey = try adminKey(environment)
        let interval =
            try reloadInterval ?? environment["SPHERY_RELOAD_INTERVAL"].map { Double(try Self.number($0, "SPHERY_RELOAD_INTERVAL")) } ?? 0
        guard interval >= 0, interval.isFinite else { throw ValidationError("--reload-interval must be 0 or more seconds") }
        configuration.reloadInterval = interval > 0 ? .milliseconds(Int64(interval * 1000)) : nil
        guard dbConnections >= 1 else { throw ValidationError("--db-connections must be at least 1") }
        configuration.databaseConnectionsPerLoop = dbConnections
        guard dbTimeout > 0, dbTimeout.isFinite else { throw ValidationError("--db-timeout must be above 0 seconds") }
        configuration.databaseTimeout = .milliseconds(Int64(dbTimeout * 1000))
        guard dbStatementTimeout >= 0.1, dbStatementTimeout <= 3600 else {
            throw ValidationError("--db-statement-timeout must be 0.1 to 3600 seconds, got \(dbStatementTimeout)")
        }
        configuration.databaseStatementTimeout = .milliseconds(Int64(dbStatementTimeout * 1000))
        guard maxBatch >= 1 else { throw ValidationError("--max-batch must be at least 1") }
        configuration.maximumBatchItems = maxBatch
        configuration.predictionLog = !noPredictionLog
        configuration.personalTargets = try targets.personal()
        if let path = experiments ?? environment["SPHERY_EXPERIMENTS"] {
            configuration.experiments = try ExperimentPlan.load(from: URL(fileURLWithPath: path))
        }
        try connectionSettings(environment, into: &configuration)
        return configuration
    }

    /// The timeouts, the connection limit and the shutdown grace period.
    private func connectionSettings(_ environment: [String: String], into configuration: inout ServerConfiguration) throws {
        configuration.requestTimeout =
            try Self.seconds(
                requestTimeout, "--request-timeout", "SPHERY_REQUEST_TIMEOUT", environment) ?? configuration.requestTimeout
        configuration.idleTimeout =
            try Self.seconds(
                idleTimeout, "--idle-timeout", "SPHERY_IDLE_TIMEOUT", environment) ?? configuration.idleTimeout
        configuration.shutdownGracePeriod =
            try Self.seconds(
                shutdownGrace, "--shutdown-grace", "SPHERY_SHUTDOWN_GRACE", environment) ?? configuration.shutdownGracePeriod
        let connections = try maxConnections ?? environment["SPHERY_MAX_CONNECTIONS"].map { try Self.number($0, "SPHERY_MAX_CONNECTIONS") }
        if let connections {
            guard (1...1_000_000).contains(connections) else {
                throw ValidationError("--max-connections (SPHERY_MAX_CONNECTIONS) must be 1 to 1000000, got \(connections)")
            }
            configuration.maximumConnections = connections
        }
    }

    /// A duration of 0.1 to 3600 seconds from `option`, else from the environment variable
    /// `variable`; nil when neither is set.
    private static func seconds(
        _ option: Double?, _ flag: String, _ variable: String, _ environment: [String: String]
    ) throws -> Duration? {
        let value =
            try option
            ?? environment[variable].map { text in
                guard let seconds = Double(text) else { throw ValidationError("\(variable) must be a number of seconds, got '\(text)'") }
                return seconds
            }
        guard let seconds = value else { return nil }
        guard seconds >= 0.1, seconds <= 3600 else {
            throw ValidationError("\(flag) (\(variable)) must be 0.1 to 3600 seconds, got \(seconds)")
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// The admin key from --admin-key-file, SPHERY_ADMIN_KEY_FILE or SPHERY_ADMIN_KEY; nil if none is set.
    private func adminKey(_ environment: [String: String]) throws -> AdminKey? {
        if let path = adminKeyFile ?? environment["SPHERY_ADMIN_KEY_FILE"] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("cannot read the admin key file '\(path)'")
            }
            return try AdminKey(text)
        }
        return try environment["SPHERY_ADMIN_KEY"].map(AdminKey.init)
    }

    private static func number(_ text: String, _ name: String) throws -> Int {
        guard let value = Int(text) else { throw ValidationError("\(name) must be a whole number, got '\(text)'") }
        return value
    }

    /// The `--models` value that selects the model registry (a folder of that name is `./registry`).
    static let registry = "registry"

    static func logLevel(_ text: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ValidationError("the log level must be trace, debug, info, notice, warning, error or critical, got '\(text)'")
        }
        return level
    }
}
