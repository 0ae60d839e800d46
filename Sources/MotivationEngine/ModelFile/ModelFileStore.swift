import Foundation
import GaussianMixture

/// Reading and writing segment model files: one JSON file per segment, written atomically
/// (a temporary file renamed into place) so a reader never sees half a model.
public enum ModelFileStore {
    /// The file name of a segment's model: `DualFlow_-1_10.json`.
    public static func fileName(for segment: SegmentKey) -> String {
        "\(segment.fileStem).json"
    }

    /// Writes `model` into `directory` (created if missing) and returns the file's URL.
    @discardableResult
    public static func write(_ model: SegmentModel, to directory: URL) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let destination = directory.appendingPathComponent(fileName(for: model.segment))
        let temporary = directory.appendingPathComponent(".\(fileName(for: model.segment)).\(UUID().uuidString).tmp")
        try encode(model).write(to: temporary)
        // rename(2) replaces the destination atomically (FileManager's replaceItemAt does not on Linux).
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ModelFileError(file: destination.path, problem: "cannot be written: \(reason)")
        }
        return destination
    }

    /// The model file's bytes for `model`: the JSON a file or a registry row holds.
    public static func encode(_ model: SegmentModel) throws -> Data {
        try ModelFileCoding.encoder.encode(model)
    }

    /// Reads and checks one model file.
    /// - Throws: `ModelFileError` for an unreadable, corrupt, truncated, future-format or inconsistent file.
    public static func read(_ url: URL) throws -> SegmentModel {
        let file = url.path
        guard let data = try? Data(contentsOf: url) else {
            throw ModelFileError(file: file, problem: "cannot be read")
        }
        return try decode(data, file: file)
    }

    /// Decodes and checks model JSON; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws -> SegmentModel {
        struct Header: Decodable { let format: Int? }
        let header: Header
        do {
            header = try ModelFileCoding.decoder.decode(Header.self, from: data)
        } catch {
            throw ModelFileError(file: file, problem: "is not valid JSON (corrupt or truncated)")
        }
        guard let format = header.format else {
            throw ModelFileError(file: file, problem: "has no \"format\" field; it is not a segment model file")
        }
        guard format <= SegmentModel.currentFormat else {
            throw ModelFileError(
                file: file,
                problem: "has format \(format), newer than this engine (version \(EngineVersion.current)) reads "
                    + "(\(SegmentModel.currentFormat)); upgrade the engine")
        }
        let model: SegmentModel
        do {
            model = try ModelFileCoding.decoder.decode(SegmentModel.self, from: data)
        } catch let error as DecodingError {
            throw ModelFileError(file: file, problem: Self.describe(error))
        }
        try ModelConsistency.check(model, file: file)
        return model
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "the top level" : String(keys.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "is missing \"\(key.stringValue)\" at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "has a bad value at \(path(context)): \(context.debugDescription)"
        @unknown default:
            return "cannot be decoded: \(error)"
        }
    }
}
