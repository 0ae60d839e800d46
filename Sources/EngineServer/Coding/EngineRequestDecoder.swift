import EngineAPI
import Foundation
import Hummingbird
import MotivationEngine

/// How routes read JSON bodies: the body up to the context's `maxUploadSize` (413 past it, 400
/// when empty), an analysis input through the fast `AnalysisInputReader`, anything the reader
/// declines or any other type through `JSONDecoder`; a decoding failure is a 400 naming the field.
struct EngineRequestDecoder: RequestDecoder {
    /// The body of `request` decoded as `type`.
    /// - Throws: `APIError` 413 or 400, or `AnalysisError.invalidField` naming the field at fault.
    func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let body = try await request.collectedBody(upTo: context.maxUploadSize, expected: "a JSON object")
        if T.self == AnalysisInput.self {
            return try AnalysisInputDecoding.decode(body) as! T
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw AnalysisError(error)
        }
    }
}
