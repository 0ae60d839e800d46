import HTTPTypes
import Hummingbird
import Logging

/// The outermost middleware: gives every request an id (the caller's `X-Request-Id` when it is
/// sane, else a new one), returns it in the answer, logs one line per request (id, method,
/// route template, status, duration; never a body, so no personal data) and records the
/// request's metrics.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = EngineRequestContext

    let metrics: EngineMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let id = RequestID.accepting(request.headers[.xRequestID]) ?? RequestID.make()
        var context = context
        context.requestID = id
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // ErrorMiddleware answers every error; this is the last guard should one slip through.
            response = try ErrorMiddleware.answer(error, to: request, context: context)
        }
        response.headers[.xRequestID] = id
        Self.record(
            id: id, method: request.method.rawValue, route: context.endpointPath ?? Self.unmatched,
            status: Int(response.status.code), duration: clock.now - start, metrics: metrics, logger: context.logger)
        return response
    }

    /// The route of a request that matched none (or was never routed: the connection guard's answers).
    static let unmatched = "unmatched"

    /// Logs the request's line and records its metrics (also for the answers the connection
    /// guard writes itself, to requests that never reach the router).
    static func record(
        id: String, method: String, route: String, status: Int, duration: Duration, metrics: EngineMetrics, logger: Logger
    ) {
        metrics.recordRequest(route: route, method: method, status: status, duration: duration)
        logger.info(
            "request",
            metadata: [
                "request_id": .string(id), "method": .string(method), "route": .string(route),
                "status": .stringConvertible(status),
                "duration_ms": .stringConvertible((duration / .microseconds(1)).rounded() / 1000),
            ])
    }
}

/// Request ids: the caller's when it is a short token of safe characters, so that a log line
/// cannot be forged through the header; else 16 random hex digits.
enum RequestID {
    static func make() -> String {
        let hex = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func accepting(_ header: String?) -> String? {
        guard let header, (1...128).contains(header.utf8.count),
            header.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E && $0 != UInt8(ascii: "\"") })
        else { return nil }
        return header
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`.
    static let xRequestID = Self("X-Request-Id")!
}
