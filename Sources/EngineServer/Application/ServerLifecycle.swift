import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// Runs the application the way `serve` does: until SIGTERM or SIGINT (or
/// `triggerGracefulShutdown()`), then shuts it down gracefully — the server stops accepting,
/// answers what is in flight with `Connection: close`, then the background services stop —
/// within the grace period. When the grace period runs out, whatever still runs (a client
/// still trickling its request, a stuck service) is cancelled, which must end within
/// `cancellationLimit` (else the process traps: it must exit), and a notice says so.
public struct ServerLifecycle: Sendable {
    /// How long cancelled work may take to stop after the grace period.
    public static let cancellationLimit: Duration = .seconds(3)

    private let group: ServiceGroup
    private let shutdown = ShutdownStart()
    private let gracePeriod: Duration
    private let logger: Logger

    /// A lifecycle for `application`, shut down on `signals` within `gracePeriod`.
    public init(
        running application: some ApplicationProtocol, gracePeriod: Duration, signals: [UnixSignal] = [.sigterm, .sigint],
        logger: Logger
    ) {
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: application), .init(service: shutdown)], gracefulShutdownSignals: signals, logger: logger)
        configuration.maximumGracefulShutdownDuration = gracePeriod
        configuration.maximumCancellationDuration = Self.cancellationLimit
        group = ServiceGroup(configuration: configuration)
        self.gracePeriod = gracePeriod
        self.logger = logger
    }

    /// Runs until the application has shut down.
    ///
    /// - Throws: what the application threw; not the cancellation that ends the grace period.
    public func run() async throws {
        do {
            try await group.run()
        } catch is CancellationError where shutdown.elapsed.map({ $0 >= gracePeriod }) == true {
            // Reported below: the grace period ran out and the group cancelled what was left.
        }
        if let elapsed = shutdown.elapsed, elapsed >= gracePeriod {
            logger.notice(
                "the shutdown grace period ran out: what was still running was cancelled",
                metadata: [
                    "grace_s": "\(gracePeriod / .seconds(1))",
                    "shutdown_s": "\((elapsed / .milliseconds(1)).rounded() / 1000)",
                ])
        }
    }

    /// Starts the graceful shutdown, as SIGTERM does.
    public func triggerGracefulShutdown() async {
        await group.triggerGracefulShutdown()
    }
}

/// A service that notes when graceful shutdown began. It is the group's last service, so it is
/// told first, and returns at once for the others to be shut down.
private final class ShutdownStart: Service, Sendable {
    private let clock = ContinuousClock()
    private let started = Mutex<ContinuousClock.Instant?>(nil)

    func run() async throws {
        try await gracefulShutdown()
        started.withLock { $0 = clock.now }
    }

    /// How long ago graceful shutdown began; nil before.
    var elapsed: Duration? {
        started.withLock { $0 }.map { clock.now - $0 }
    }
}
