import EngineAPI
import Foundation
import Hummingbird

/// How routes' return values become answers: the wire types (`JSONWritable`) through the fast
/// `JSONWriter`, anything else through `JSONEncoder` with dates as ISO 8601 and keys sorted.
struct EngineResponseEncoder: ResponseEncoder {
    /// A JSON answer of `value` with status 200.
    func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        if let writable = value as? any JSONWritable {
            return .json(try writable.json())
        }
        return .json(ByteBuffer(bytes: try Self.encoder.encode(value)))
    }

    /// The fallback encoder, made once.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
