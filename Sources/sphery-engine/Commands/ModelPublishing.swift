import Foundation
import MotivationEngine
import PlayerStore

/// Publishing trained models into the model registry, a line per model on standard error.
enum ModelPublishing {
    /// Stores `models` in the registry at `location` and, if `activate`, activates them, all in
    /// one transaction (replicas switch to all of them at once).
    /// - Throws: `ModelRegistryError.notMigrated` before `migrate`; database errors.
    static func publish(_ models: [SegmentModel], to location: DatabaseLocation, activate: Bool) async throws {
        let outcomes = try await PlayerDatabase.with(location) { db in
            try await ModelRegistryQuery(db).publish(models, activate: activate)
        }
        for (model, outcome) in zip(models, outcomes) {
            let stored = outcome == .published ? "published" : "already published (the same data and options)"
            StandardError.print("\(model.id): \(stored)\(activate ? ", active" : ", not active") in \(location)")
        }
    }
}
