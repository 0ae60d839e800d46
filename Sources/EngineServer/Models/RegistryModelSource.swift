import Foundation
import MotivationEngine
import PlayerStore
import Synchronization

/// The models the service answers with, read from the database's model registry
/// (`engine_models`): the active version of every segment. A switch is atomic: all active
/// models are read in one query and swapped in together, and a request takes them once and
/// finishes on them, so an answer never mixes versions. A set of models that cannot be used (a
/// body that does not decode) is refused as a whole and the models serving keep serving.
public final class RegistryModelSource: ModelSource {
    /// Where the active models are read.
    public let registry: any ModelRegistryRepository
    /// The personal-target settings every engine is made with.
    public let personal: PersonalTargetSettings
    private let state: Mutex<(models: LoadedModels, ids: [String], ticket: Int)>
    private let tickets = Atomic<Int>(0)

    /// Reads the active models of `registry`.
    /// - Throws: `ModelRegistryError.empty` when nothing is published, `ModelFileError` naming a
    ///   model that cannot be used, `DatabaseError` when the database cannot be read.
    public init(registry: any ModelRegistryRepository, personal: PersonalTargetSettings = .standard) async throws {
        self.registry = registry
        self.personal = personal
        let (models, ids) = try await Self.read(registry, personal: personal)
        state = Mutex((models, ids, 0))
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
        return install(models, ids: ids, ticket: ticket)
    }

    /// Swaps in the active models if their versions changed since the last read.
    /// - Returns: the new models, or nil when nothing changed.
    public func refresh() async throws -> LoadedModels? {
        guard try await registry.activeIds() != activeIds else { return nil }
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
