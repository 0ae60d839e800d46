import Foundation
import MotivationEngine

/// A copy of the model registry's active models in a local folder, kept by a replica that
/// serves the registry (`serve --models registry --model-cache DIR`): when the database cannot
/// be reached at start, the replica starts from this copy instead of not at all, and follows the
/// registry again once the database answers.
public struct ModelCache: Sendable {
    /// The folder of the cached model files.
    public let directory: URL

    /// A cache in `directory` (created when first written).
    public init(directory: URL) {
        self.directory = directory
    }

    /// Replaces the cached models with `models`: each file written atomically, the files of
    /// segments no longer active removed afterwards.
    /// - Throws: `ModelFileError` when a file cannot be written.
    func store(_ models: [SegmentModel]) throws {
        let kept = Set(try models.map { try ModelFileStore.write($0, to: directory).lastPathComponent })
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasSuffix(".json") && !kept.contains(name) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// The cached models, checked like any model folder.
    /// - Throws: `ModelFileError` when the folder is missing, empty or holds a bad file.
    func load(personal: PersonalTargetSettings) throws -> ModelRegistry {
        try ModelRegistry.load(from: directory, personal: personal)
    }
}
