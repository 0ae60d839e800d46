import EngineDashboard
import EngineServer
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import Testing

/// The engine listening on a free loopback port, run as `serve` runs it (`ServerLifecycle`,
/// without signals), for tests that need real sockets: slow, idle and malformed clients, and
/// shutdown. (HummingbirdTesting's live client rebuilds the application's configuration and
/// so drops the connection limit.)
struct LiveServer: Sendable {
    /// The port it listens on.
    let port: Int
    /// Its lifecycle: `triggerGracefulShutdown()` is SIGTERM.
    let lifecycle: ServerLifecycle

    /// Waits (at most 2 s) until the server refuses new connections: graceful shutdown has
    /// begun, and the connections it had are told to close after their answers.
    func waitUntilRefusing() async throws {
        let deadline = ContinuousClock.now + .seconds(2)
        while let connection = try? await RawConnection.open(port: port) {
            await connection.close()
            try #require(ContinuousClock.now < deadline, "the server still accepts connections")
            try await Task.sleep(for: .milliseconds(10))
        }
        // The server tells its connections right after it closes its socket, on their own event loops.
        try await Task.sleep(for: .milliseconds(50))
    }

    /// Runs `body` with a server for `configuration` (its port is ignored), then shuts it down.
    /// - Returns: what `body` returns, once the server has stopped.
    static func with<Value: Sendable>(
        _ configuration: EngineServer.ServerConfiguration, metrics: EngineMetrics = EngineMetrics(),
        logger: Logger = ServerFixture.quietLogger, _ body: @escaping @Sendable (LiveServer) async throws -> Value
    ) async throws -> Value {
        var configuration = configuration
        configuration.port = 0
        let service = try EngineService(configuration, metrics: metrics, logger: logger).withDashboard()
        let (ports, reportPort) = AsyncStream.makeStream(of: Int.self)
        let lifecycle = ServerLifecycle(
            running: PortReporting(base: service.application(), report: reportPort),
            gracePeriod: configuration.shutdownGracePeriod, signals: [], logger: logger)
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask {
                try await lifecycle.run()
                return nil
            }
            group.addTask {
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { throw CancellationError() }
                let value = try await body(LiveServer(port: port, lifecycle: lifecycle))
                await lifecycle.triggerGracefulShutdown()
                return value
            }
            var value: Value?
            for try await result in group {
                value = value ?? result
            }
            return try #require(value)
        }
    }
}

/// The application with its port reported once it listens.
private struct PortReporting<Base: ApplicationProtocol>: ApplicationProtocol {
    typealias Responder = Base.Responder

    let base: Base
    let report: AsyncStream<Int>.Continuation

    var responder: Responder {
        get async throws { try await base.responder }
    }
    var server: HTTPServerBuilder { base.server }
    var eventLoopGroup: any EventLoopGroup { base.eventLoopGroup }
    var configuration: ApplicationConfiguration { base.configuration }
    var logger: Logger { base.logger }
    var services: [any Service] { base.services }
    var processesRunBeforeServerStart: [@Sendable () async throws -> Void] { base.processesRunBeforeServerStart }

    @Sendable func onServerRunning(_ channel: any Channel) async {
        await base.onServerRunning(channel)
        report.yield(channel.localAddress?.port ?? 0)
        report.finish()
    }
}
