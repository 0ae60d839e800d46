import Foundation
import MotivationEngine

/// Where the service's models come from, the seam between the routes and model storage: the
/// routes, the dashboard and the metrics read the models serving now through it, and never
/// know whether they came from a folder (`ModelStore`) or from the database's model registry
/// (`RegistryModelSource`).
public protocol ModelSource: Sendable {
    /// The models serving now: a request takes them once and finishes on them.
    var current: LoadedModels { get }

    /// Loads the models again and, if every one is usable, swaps them in.
    /// - Returns: the new models.
    /// - Throws: an error naming the model at fault, or the database's error; the old models
    ///   keep serving.
    @discardableResult
    func reload() async throws -> LoadedModels
}

/// One successful load of the models.
public struct LoadedModels: Sendable {
    /// The models, by segment.
    public let registry: ModelRegistry
    /// When they were loaded.
    public let loadedAt: Date

    /// The models of `registry`, loaded at `loadedAt`.
    public init(registry: ModelRegistry, loadedAt: Date) {
        self.registry = registry
        self.loadedAt = loadedAt
    }
}
