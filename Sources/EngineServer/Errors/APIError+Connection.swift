import Foundation
import Hummingbird
import NIOHTTP1

/// The answers to requests that could not be read: too slow, or not HTTP the parser accepts.
extension APIError {
    /// 408: the request did not arrive whole within `limit`.
    static func requestTimeout(_ limit: Duration) -> APIError {
        APIError(
            .requestTimeout, code: "request_timeout",
            message: "the request did not arrive within \(String(format: "%g", limit / .seconds(1))) s; the connection is closed")
    }

    /// The answer to a request the HTTP parser refused: 431 `header_too_large` when its head is
    /// larger than the parser takes (the request line or the headers: the parser does not say
    /// which), else 400 `invalid_request`.
    init(malformed error: HTTPParserError) {
        switch error {
        case .headerOverflow:
            let limit = HTTPChannelSettings.headLimit / 1024
            self.init(
                .requestHeaderFieldsTooLarge, code: "header_too_large",
                message: "the request line (the URL) or the headers are larger than \(limit) KiB")
        default:
            self = .invalidRequest("the request is not valid HTTP/1.1 (\(error))")
        }
    }

    /// 400: the request is not an HTTP request the service can read.
    static func invalidRequest(_ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_request", message: message)
    }
}
