import Foundation

/// Content-derived model ids: a stable 64-bit hash of the trained parameters (not of the
/// training time), so retraining on the same data with the same options gives the same id.
enum ModelIdentity {
    static func id(of model: SegmentModel) throws -> String {
        var content = model
        content.id = ""
        content.trainedAt = Date(timeIntervalSince1970: 0)
        let bytes = try ModelFileCoding.encoder.encode(content)
        return "\(model.segment.fileStem)-\(String(StableHash.fnv1a64(String(decoding: bytes, as: UTF8.self)), radix: 16))"
    }
}
