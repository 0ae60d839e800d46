/// Why the model registry refused an operation, in words for the operator.
public enum ModelRegistryError: Error, Equatable, CustomStringConvertible {
    /// No model with this id is stored.
    case unknownModel(id: String, known: [String])
    /// No model of the segment (by `SegmentKey.fileStem`) is stored.
    case unknownSegment(String, known: [String])
    /// The segment has no active model to roll back from.
    case nothingActive(segment: String)
    /// The active model is the segment's first version: nothing earlier to bring back.
    case noEarlierVersion(segment: String, active: String)
    /// The registry holds no active model at all (nothing was published yet).
    case empty
    /// The registry's table is missing or lacks the registry's columns: `migrate` has not run.
    case notMigrated(reason: String)

    /// The refusal as the CLI and the logs print it.
    public var description: String {
        switch self {
        case .unknownModel(let id, let known):
            return "no model '\(id)' in the registry" + (known.isEmpty ? " (it is empty)" : "; stored: \(known.joined(separator: ", "))")
        case .unknownSegment(let segment, let known):
            return "no model of segment '\(segment)' in the registry"
                + (known.isEmpty ? " (it is empty)" : "; segments: \(known.joined(separator: ", "))")
        case .nothingActive(let segment):
            return "segment '\(segment)' has no active model to roll back from; activate one with 'models activate ID'"
        case .noEarlierVersion(let segment, let active):
            return "segment '\(segment)' has no version published before the active one (\(active)); nothing to roll back to"
        case .empty:
            return "the model registry holds no active model; publish one with 'train --db URL --publish'"
        case .notMigrated(let reason):
            return "the model registry is not set up (\(reason)); run 'sphery-engine migrate --db URL' first"
        }
    }
}
