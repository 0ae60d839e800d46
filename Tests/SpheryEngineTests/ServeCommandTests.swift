import ArgumentParser
import EngineServer
import Foundation
import PlayerStore
import Testing

@testable import sphery_engine

/// `serve`'s configuration: options win over environment variables, which win over defaults;
/// impossible values fail with a message naming the setting.
@Suite("serve: configuration")
struct ServeCommandTests {
    @Test("defaults, then environment variables, then options")
    func precedence() throws {
        let defaults = try ServeCommand.parse([]).settings([:])
        #expect(defaults.host == "127.0.0.1" && defaults.port == 8080)
        #expect(defaults.modelsDirectory.lastPathComponent == "models")
        #expect(defaults.database == nil && defaults.adminKey == nil && defaults.reloadInterval == nil)

        let environment = [
            "SPHERY_PORT": "9000", "SPHERY_MODELS": "/srv/models", "SPHERY_DB_URL": "postgres://u:p@db:5432/sphery",
            "SPHERY_ADMIN_KEY": "0123456789abcdef", "SPHERY_RELOAD_INTERVAL": "30", "SPHERY_HOST": "0.0.0.0",
        ]
        let fromEnvironment = try ServeCommand.parse([]).settings(environment)
        #expect(fromEnvironment.port == 9000 && fromEnvironment.host == "0.0.0.0")
        #expect(fromEnvironment.modelsDirectory.path == "/srv/models")
        #expect(fromEnvironment.database == .postgres(url: "postgres://u:p@db:5432/sphery"))
        #expect(fromEnvironment.adminKey != nil)
        #expect(fromEnvironment.reloadInterval == .seconds(30))

        let fromOptions = try ServeCommand.parse(["--port", "7000", "--db", "players.sqlite", "--reload-interval", "0"]).settings(
            environment)
        #expect(fromOptions.port == 7000)
        #expect(fromOptions.database == .sqlite(path: "players.sqlite"))
        #expect(fromOptions.reloadInterval == nil)
    }

    @Test("timeouts, the connection limit and the shutdown grace: defaults, environment, options")
    func connectionSettings() throws {
        let defaults = try ServeCommand.parse([]).settings([:])
        #expect(defaults.requestTimeout == .seconds(30) && defaults.idleTimeout == .seconds(75))
        #expect(defaults.maximumConnections == 4096 && defaults.shutdownGracePeriod == .seconds(10))
        let environment = [
            "SPHERY_REQUEST_TIMEOUT": "2.5", "SPHERY_IDLE_TIMEOUT": "5", "SPHERY_MAX_CONNECTIONS": "100",
            "SPHERY_SHUTDOWN_GRACE": "3",
        ]
        let fromEnvironment = try ServeCommand.parse([]).settings(environment)
        #expect(fromEnvironment.requestTimeout == .milliseconds(2500) && fromEnvironment.idleTimeout == .seconds(5))
        #expect(fromEnvironment.maximumConnections == 100 && fromEnvironment.shutdownGracePeriod == .seconds(3))
        let fromOptions = try ServeCommand.parse([
            "--request-timeout", "0.5", "--idle-timeout", "1", "--max-connections", "20", "--shutdown-grace", "30",
        ]).settings(environment)
        #expect(fromOptions.requestTimeout == .milliseconds(500) && fromOptions.idleTimeout == .seconds(1))
        #expect(fromOptions.maximumConnections == 20 && fromOptions.shutdownGracePeriod == .seconds(30))
    }

    @Test("the admin key comes from a file, is trimmed, and must be long enough")
    func adminKey() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try "  a-long-enough-secret-key\n".write(to: file, atomically: true, encoding: .utf8)
        let configuration = try ServeCommand.parse(["--admin-key-file", file.path]).settings([:])
        #expect(configuration.adminKey != nil)
        #expect("\(configuration.adminKey!)" == "AdminKey(***)")
        #expect(throws: ServerConfigurationError.weakAdminKey) {
            try ServeCommand.parse([]).settings(["SPHERY_ADMIN_KEY": "short"])
        }
        let missing = #expect(throws: ValidationError.self) {
            try ServeCommand.parse(["--admin-key-file", "/no/such/key"]).settings([:])
        }
        #expect(missing?.message.contains("/no/such/key") == true)
    }

    @Test(
        "impossible values name the setting",
        arguments: [
            (["--port", "70000"], [:], "port"),
            ([], ["SPHERY_PORT": "eighty"], "SPHERY_PORT"),
            (["--reload-interval=-1"], [:], "--reload-interval"),
            ([], ["SPHERY_RELOAD_INTERVAL": "soon"], "SPHERY_RELOAD_INTERVAL"),
            (["--db-connections", "0"], [:], "--db-connections"),
            (["--db-timeout", "0"], [:], "--db-timeout"),
            (["--max-batch", "0"], [:], "--max-batch"),
            (["--request-timeout", "0"], [:], "--request-timeout"),
            ([], ["SPHERY_IDLE_TIMEOUT": "a while"], "SPHERY_IDLE_TIMEOUT"),
            ([], ["SPHERY_IDLE_TIMEOUT": "7200"], "--idle-timeout"),
            (["--max-connections", "0"], [:], "--max-connections"),
            ([], ["SPHERY_MAX_CONNECTIONS": "many"], "SPHERY_MAX_CONNECTIONS"),
            (["--shutdown-grace=-1"], [:], "--shutdown-grace"),
            ([], ["SPHERY_DB_URL": "mysql://x"], "mysql://x"),
        ] as [([String], [String: String], String)])
    func impossible(arguments: [String], environment: [String: String], named: String) throws {
        let command = try ServeCommand.parse(arguments)
        do {
            _ = try command.settings(environment)
            Issue.record("accepted \(arguments) \(environment)")
        } catch {
            #expect("\(error)".contains(named), "\(error)")
        }
    }

    @Test("the log level must be one of swift-log's")
    func logLevel() throws {
        #expect(try ServeCommand.logLevel("WARNING") == .warning)
        #expect(throws: ValidationError.self) { try ServeCommand.logLevel("loud") }
    }
}
