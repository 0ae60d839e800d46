import Foundation
import Hummingbird
import NIOCore
import MotivationEngine

/// Reading what a request carries, with errors that name the field.
extension Request {
    /// The language of messages: `?language=en|de|fr` (de-CH and fr-CH accepted), English by
    /// default (also for an empty `?language=`).
    func language() throws -> Language {
        try uri.queryParameters.language()
    }

    /// The body, up to `limit` bytes.
    /// - Parameter expected: what the route takes, for the message about an empty body.
    /// - Throws: 413 `body_too_large` past the limit, 400 for an empty body.
    func collectedBody(upTo limit: Int, expected: String) async throws -> ByteBuffer {
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

/// Reading the query (parsed anew on every `uri.queryParameters`: a route that reads several
/// parameters takes it once).
extension Parameters {
    /// The value of an optional parameter; an empty one (`?language=`, as a form sends a field
    /// left blank) is taken as left out.
    func optional(_ name: Substring) -> Substring? {
        self[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The language of messages: see `Request.language()`.
    func language() throws -> Language {
        guard let text = optional("language").map(String.init) else { return .en }
        guard let language = Language(identifier: text) else {
            throw APIError.invalidField("language", "must be en, de or fr, got '\(text)'")
        }
        return language
    }
}
