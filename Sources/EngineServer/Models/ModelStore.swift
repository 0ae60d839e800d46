import Foundation
import MotivationEngine
import Synchronization

/// The models the service answers with, loaded from a folder and swapped atomically on reload:
/// a request takes the registry once and finishes on it, whatever reloads meanwhile; a reload
/// that fails leaves the models that were serving in place.
public final class ModelStore: ModelSource {
    /// The folder the models are read from.
    public let directory: URL
    /// The personal-target settings every engine is made with.
    public let personal: PersonalTargetSettings
    private let state: Mutex<(models: LoadedModels, fingerprint: FolderFingerprint)>

    /// Loads the models of `directory`.
    /// - Throws: `ModelFileError` when the folder holds no usable model.
    public init(directory: URL, personal: PersonalTargetSettings = .standard) throws {
        self.directory = directory
        self.personal = personal
        state = Mutex(try Self.load(directory, personal: personal))
    }

    /// The models serving now.
    public var current: LoadedModels { state.withLock { $0.models } }

    /// The folder's model files as they were read for the models serving now (names, sizes,
    /// modification times).
    var fingerprint: FolderFingerprint { state.withLock { $0.fingerprint } }

    /// Re-reads the folder and, if every file is a usable model, swaps it in.
    /// - Returns: the new models.
    /// - Throws: `ModelFileError` naming the file at fault; the old models keep serving.
    @discardableResult
    public func reload() throws -> LoadedModels {
        let loaded = try Self.load(directory, personal: personal)
        state.withLock { $0 = loaded }
        return loaded.models
    }

    private static func load(
        _ directory: URL, personal: PersonalTargetSettings
    ) throws -> (models: LoadedModels, fingerprint: FolderFingerprint) {
        let fingerprint = FolderFingerprint(directory)
        let registry = try ModelRegistry.load(from: directory, personal: personal)
        return (LoadedModels(registry: registry, loadedAt: Date()), fingerprint)
    }
}

extension ModelRegistry {
    /// The loaded models in the order of their file stems (`DualFlow_-1_10`), as the routes and
    /// the dashboard list them.
    public var modelsByName: [SegmentModel] {
        engines.values.map(\.model).sorted { $0.segment.fileStem < $1.segment.fileStem }
    }

    /// The loaded segments' file stems, sorted: the names the model routes take.
    public var segmentNames: [String] { modelsByName.map(\.segment.fileStem) }
}

/// The model files of a folder by name, size and modification time: a cheap way to notice that
/// a training run wrote new models.
struct FolderFingerprint: Equatable, Sendable {
    private var files: [String: [Int]] = [:]

    init(_ directory: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let attributes = try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
            let modified = (attributes?[.modificationDate] as? Date).map { Int($0.timeIntervalSince1970 * 1000) } ?? -1
            files[name] = [size, modified]
        }
    }
}
