import Foundation
import Logging
import MotivationEngine
import PlayerStore
import Synchronization

/// The models the service answers with, read from the database's model registry
/// (`engine_models`): the active version of every segment. A switch is atomic: all active
/// models are read in one query and swapped in together, and a request takes them once and
/// finishes on them, so an answer never mixes versions. A set of models that cannot be used (a
/// body that does not decode) is refused as a whole and the models serving keep serving. With a
/// `ModelCache`, the models serving are also kept in a local folder, to start from when the
/// database is out of reach.
public final class RegistryModelSource: ModelSource {
    /// Where the active models are read.
    public let registry: any ModelRegistryRepository
    /// The personal-target settings every engine is made with.
    public let personal: PersonalTargetSettings
    /// The local copy of the models serving, if any.
    public let cache: ModelCache?
    /// Whether the models serving came from the cache at start (the database was out of reach)
    /// and the registry has not been read since.
    public var isServingCache: Bool { state.withLock { $0.ticket < 0 } }
    private let logger: Logger
    private let state: Mutex<(models: LoadedModels, ids: [String], ticket: Int)>
    private let tickets = Atomic<Int>(0)

    /// Reads the active models of `registry`; when the database cannot be reached and `cache`
    /// holds models, starts from those (a warning says so) until the registry can be read.
    /// - Throws: `ModelRegistryError.empty` when nothing is published, `ModelFileError` naming a
    ///   model that cannot be used, `DatabaseError` when the database cannot be read (and no
    ///   cache could stand in).
    public init(
        registry: any ModelRegistryRepository, personal: PersonalTargetSettings = .standard, cache: ModelCache? = nil,
        logger: Logger = Logger(label: "sphery.models")
    ) async throws {
        self.registry = registry
        self.personal = personal
        self.cache = cache
        self.logger = logger
        do {
            let (models, ids) = try await Self.read(registry, personal: personal)
            state = Mutex((models, ids, 0))
            keep(models)
        } catch let error as DatabaseError {
            guard case .unreachable = error, let cache, let cached = try? cache.load(personal: personal) else { throw error }
            let ids = cached.engines.values.map(\.model.id).sorted()
            logger.warning(
                "the model registry cannot be read; serving the cached models until it can",
                metadata: ["error": "\(error)", "cache": "\(cache.directory.path)", "models": "\(ids.joined(separator: ","))"])
            state = Mutex((LoadedModels(registry: cached, loadedAt: Date()), ids, -1))
        }
    }

    /// The models serving now.
    public var current: LoadedModels { state.withLock { $0.models } }

    /// The ids of the models serving now, sorted.
    public var activeIds: [String] { state.withLock { $0.ids } }

    /// Reads the active models again and swaps them in.
    @discardableResult
    public func reload() async throws -> LoadedModels {
        let ticket = tickets.add(1, ordering: .relaxed).newValue
        let (models, ids) = try await Self.read(registry, personal: personal)
        let installed = install(models, ids: ids, ticket: ticket)
        keep(installed)
        return installed
    }

    /// Writes the models serving into the cache, if there is one; a failure is logged, and
    /// serving goes on.
    private func keep(_ models: LoadedModels) {
        guard let cache else { return }
        do {
            try cache.store(Array(models.registry.engines.values.map(\.model)))
        } catch {
            logger.warning("the model cache could not be written", metadata: ["cache": "\(cache.directory.path)", "error": "\(error)"])
        }
    }

    /// Swaps in the active models if their versions changed since the last read (or the models
    /// serving came from the cache).
    /// - Returns: the new models, or nil when nothing changed.
    public func refresh() async throws -> LoadedModels? {
        if !isServingCache {
            guard try await registry.activeIds() != activeIds else { return nil }
        }
        return try await reload()
    }

    /// Installs a read unless a read started later was installed first (reads may finish out of
    /// order; the later one saw the newer registry). Returns the models serving afterwards.
    private func install(_ models: LoadedModels, ids: [String], ticket: Int) -> LoadedModels {
        state.withLock { state in
            guard ticket > state.ticket else { return state.models }
            state = (models, ids, ticket)
            return models
        }
    }

    private static func read(
        _ registry: any ModelRegistryRepository, personal: PersonalTargetSettings
    ) async throws -> (LoadedModels, [String]) {
        let models = try await registry.activeModels()
        let built = try ModelRegistry(models: models.map { ($0, "model \($0.id)") }, personal: personal)
        return (LoadedModels(registry: built, loadedAt: Date()), models.map(\.id).sorted())
    }
}
