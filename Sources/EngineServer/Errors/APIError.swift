import EngineAPI
import Hummingbird
import MotivationEngine

/// An error answered to the caller as `{"error": {"code": "…", "message": "…"}}` with its status.
public struct APIError: HTTPResponseError, Equatable, CustomStringConvertible {
    /// The HTTP status (4xx for anything the caller got wrong, 503 when a dependency is down).
    public let status: HTTPResponse.Status
    /// A stable, machine-readable code, e.g. `invalid_field`.
    public let code: String
    /// What went wrong, in words, naming the field or resource.
    public let message: String

    /// An error answered with `status`, `code` and `message`.
    public init(_ status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// `400 invalid_field: score: is required`, for logs and tests.
    public var description: String { "\(status.code) \(code): \(message)" }

    /// The JSON error body with the error's status.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.json(body, status: status)
    }

    /// The code and message, as the wire carries them.
    var wire: ErrorBody { ErrorBody(code: code, message: message) }

    /// `{"error": {"code": …, "message": …}}`.
    var body: ByteBuffer {
        var writer = JSONWriter(buffer: ByteBuffer())
        wire.answer.write(to: &writer)
        return writer.buffer
    }
}

extension APIError {
    /// The answer to a player that cannot be analysed: 400 for a bad field or an ambiguous
    /// segment, 404 for a segment without a model.
    init(_ error: AnalysisError) {
        let wire = ErrorBody(error)
        switch error {
        case .invalidField, .ambiguousSegment: self.init(.badRequest, code: wire.code, message: wire.message)
        case .unknownSegment: self.init(.notFound, code: wire.code, message: wire.message)
        }
    }

    /// 400: the body or a field is malformed.
    static func invalidField(_ name: String, _ problem: String) -> APIError {
        APIError(.badRequest, code: "invalid_field", message: "\(name): \(problem)")
    }

    /// 400: the body is not what the route takes.
    static func invalidBody(_ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_body", message: message)
    }

    /// 413: the body is larger than the route takes.
    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "body_too_large", message: "the body is larger than this route takes (\(limit) bytes)")
    }

    /// 401: the admin key is missing or wrong.
    static let unauthorized = APIError(
        .unauthorized, code: "unauthorized", message: "this route needs the admin key: Authorization: Bearer <key>")

    /// 503: the service was started without a player database.
    static let noDatabase = databaseUnavailable("this service has no player database; start it with --db or SPHERY_DB_URL")

    /// 503: the database cannot be used right now.
    static func databaseUnavailable(_ message: String) -> APIError {
        APIError(.serviceUnavailable, code: "database_unavailable", message: message)
    }
}
