import Logging
import ServiceLifecycle

/// Reloads the models when their folder changes (a training run wrote new files), checking
/// every `interval`. A reload that fails is logged once and the old models keep serving.
struct ModelFolderWatcher: Service {
    let store: ModelStore
    let interval: Duration
    let metrics: EngineMetrics
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                var refused: FolderFingerprint?
                while true {
                    try await Task.sleep(for: interval)
                    let folder = FolderFingerprint(store.directory)
                    guard folder != store.fingerprint, folder != refused else { continue }
                    do {
                        let loaded = try store.reload()
                        metrics.recordReload(succeeded: true)
                        logger.info(
                            "models reloaded", metadata: ["models": "\(loaded.registry.engines.count)", "trigger": "folder change"])
                    } catch {
                        refused = folder
                        metrics.recordReload(succeeded: false)
                        logger.error("model reload failed; the old models keep serving", metadata: ["error": "\(error)"])
                    }
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
