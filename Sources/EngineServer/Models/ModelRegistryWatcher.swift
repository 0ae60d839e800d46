import Logging
import PlayerStore
import ServiceLifecycle
import Synchronization

/// Keeps a `RegistryModelSource` on the registry's active versions: on PostgreSQL it follows
/// activations as they are notified (`LISTEN`), and on both backends it also compares the active
/// ids every `interval` (SQLite's only way; on PostgreSQL a safety net for a lost listener).
/// A switch that fails is logged once per distinct error, and the old models keep serving.
struct ModelRegistryWatcher: Service {
    let source: RegistryModelSource
    /// The PostgreSQL URL to listen on; nil on SQLite.
    let notifications: String?
    let interval: Duration
    let metrics: EngineMetrics
    let logger: Logger

    func run() async throws {
        let failures = FailureReport(logger: logger)
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    if let notifications {
                        group.addTask {
                            try await ModelRegistryNotifications.follow(postgresURL: notifications, logger: logger) {
                                await check(trigger: "notification", failures)
                            }
                        }
                    }
                    group.addTask {
                        while true {
                            try await Task.sleep(for: interval)
                            await check(trigger: "poll", failures)
                        }
                    }
                    try await group.next()
                }
            }
        } catch is CancellationError {
            return
        }
    }

    /// Switches to the registry's active versions if they changed.
    private func check(trigger: String, _ failures: FailureReport) async {
        do {
            guard let loaded = try await source.refresh() else { return failures.cleared() }
            metrics.recordReload(succeeded: true)
            failures.cleared()
            logger.notice(
                "models switched",
                metadata: [
                    "models": "\(source.activeIds.joined(separator: ","))", "segments": "\(loaded.registry.engines.count)",
                    "trigger": "\(trigger)",
                ])
        } catch is CancellationError {
            return
        } catch {
            metrics.recordReload(succeeded: false)
            failures.failed(error)
        }
    }
}

/// The watcher's failures, logged once each: a failure repeated every poll (the database is
/// down, a bad model is active) is logged when it first happens and when it ends.
private final class FailureReport: Sendable {
    private let last = Mutex<String?>(nil)
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func failed(_ error: any Error) {
        let text = "\(error)"
        guard
            last.withLock({ last in
                defer { last = text }; return last != text
            })
        else { return }
        logger.error("the model registry could not be followed; the models loaded before keep serving", metadata: ["error": "\(text)"])
    }

    func cleared() {
        guard
            last.withLock({ last in
                defer { last = nil }; return last != nil
            })
        else { return }
        logger.notice("the model registry is followed again")
    }
}
