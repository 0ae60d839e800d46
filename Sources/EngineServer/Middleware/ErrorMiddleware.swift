import ExperimentReport
import Hummingbird
import Logging
import MotivationEngine
import NIOHTTP1
import PlayerStore

/// Turns every error a route throws into the JSON error body with the right status: the
/// caller's mistakes are 4xx, a database that cannot be used is 503, anything else is a bug
/// (500, logged with the request id, the message not shown to the caller).
public struct ErrorMiddleware: RouterMiddleware {
    /// The service's request context.
    public typealias Context = EngineRequestContext

    /// The service's routes, to tell a wrong method (405) from an unknown path (404).
    let routes: RouteTable

    /// Answers what `next` throws as the JSON error of `ErrorMiddleware.apiError`.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound" {
            let allowed = routes.methods(for: request.uri.path)
            guard !allowed.isEmpty else { return try Self.answer(error, to: request, context: context) }
            var response = try APIError(
                .methodNotAllowed, code: "method_not_allowed",
                message: "\(request.uri.path) takes \(allowed.joined(separator: ", ")), not \(request.method.rawValue)"
            ).response(from: request, context: context)
            response.headers[.allow] = allowed.joined(separator: ", ")
            return response
        } catch {
            return try Self.answer(error, to: request, context: context)
        }
    }

    /// The answer to `error`.
    static func answer(_ error: any Error, to request: Request, context: Context) throws -> Response {
        let apiError = Self.apiError(error, request: request)
        if apiError.status.code >= 500 {
            context.logger.error(
                "request failed", metadata: ["request_id": .string(context.requestID), "error": .string(String(reflecting: error))])
        }
        return try apiError.response(from: request, context: context)
    }

    /// The `APIError` that answers `error`: the caller's mistakes as 4xx, database failures as 503, anything else as a 500 (logged, not shown).
    public static func apiError(_ error: any Error, request: Request) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as AnalysisError:
            return APIError(error)
        case let error as RetentionReporterError:
            return APIError(error)
        case let error as ExposureLogError:
            return APIError(.notFound, code: "no_exposure_log", message: error.description)
        case let error as RetentionReportError:
            return APIError(.badRequest, code: "invalid_field", message: error.problem)
        case let error as DatabaseError:
            switch error {
            case .unknownUser: return APIError(.notFound, code: "unknown_user", message: error.description)
            case .noWorkouts: return APIError(.notFound, code: "no_workouts", message: error.description)
            case .invalidLocation, .unreachable, .missingSchema, .queryFailed:
                return .databaseUnavailable(error.description)
            }
        case is CancellationError:
            // The grace period of a graceful shutdown ran out while the request was being answered.
            return APIError(
                .serviceUnavailable, code: "shutting_down", message: "the service is shutting down; send the request again")
        case let error as HTTPParserError:
            // A body the parser refused (a broken chunk): the connection guard closes the connection after the answer.
            return APIError(malformed: error)
        case let error as HTTPError:
            return APIError(error.status, code: code(for: error.status), message: message(for: error, request: request))
        case let error as any HTTPResponseError where error.status.code < 500:
            return APIError(error.status, code: code(for: error.status), message: "\(error)")
        default:
            return APIError(
                .internalServerError, code: "internal_error",
                message: "the engine failed to answer; the request id in X-Request-Id finds it in the log")
        }
    }

    private static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: return "not_found"
        case .methodNotAllowed: return "method_not_allowed"
        case .contentTooLarge: return "body_too_large"
        case .unsupportedMediaType: return "unsupported_media_type"
        case .unauthorized: return "unauthorized"
        case .badRequest: return "invalid_body"
        default: return status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
        }
    }

    private static func message(for error: HTTPError, request: Request) -> String {
        if let body = error.body, !body.isEmpty { return body }
        switch error.status {
        case .notFound: return "no route \(request.method.rawValue) \(request.uri.path)"
        case .contentTooLarge: return "the body is larger than this route takes"
        default: return error.status.reasonPhrase
        }
    }
}
