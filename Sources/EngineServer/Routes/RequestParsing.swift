import Foundation
import Hummingbird
import MotivationEngine
import NIOCore

/// Reading what a request carries, with errors that name the field.
extension Request {
    /// The body, up to `limit` bytes.
    /// - Parameter expected: what the route takes, for the message about an empty body.
    /// - Throws: 413 `body_too_large` past the limit, 400 for an empty body.
    public func collectedBody(upTo limit: Int, expected: String) async throws -> ByteBuffer {
        let body: ByteBuffer
        do {
            body = try await self.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.bodyTooLarge(limit: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.bodyTooLarge(limit: limit)
        }
        guard body.readableBytes > 0 else { throw APIError.invalidBody("the body is empty; send \(expected)") }
        return body
    }

    /// Whether the body is declared as CSV.
    var isCSV: Bool {
        headers[.contentType].map { $0.lowercased().hasPrefix("text/csv") } ?? false
    }
}
