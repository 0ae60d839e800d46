import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Guards one HTTP/1.1 connection against clients that send too slowly or send what the parser
/// refuses, and closes it cleanly at shutdown. It sits between the HTTP codec and Hummingbird's
/// connection handler, so it sees the request parts as they are read and the answer parts as
/// they are written.
///
/// - **Request timeout.** A request must arrive whole, from its first byte to the end of its
///   body, within `requestTimeout`. Once its head has arrived, the route's read of the body
///   fails with 408 `request_timeout` (answered, logged and counted by the routes like any
///   request); before that, the guard answers 408 itself. A slowly trickled head is therefore
///   bounded too, not only the body.
/// - **Malformed heads.** A head the parser refuses gets the service's JSON error (431
///   `header_too_large` or 400 `invalid_request`) instead of Hummingbird's empty 400, with the
///   request's log line and metrics. A body the parser refuses (a broken chunk) fails the
///   route's read, and `ErrorMiddleware` answers 400.
/// - **Closing.** After either, the answer carries `Connection: close` and the connection is
///   closed once it is written. From graceful shutdown on (`ChannelShouldQuiesceEvent`) every
///   answer carries `Connection: close` too, so that a keep-alive client does not send its next
///   request on a connection that is about to close.
///
/// Answers are written in request order: an answer of the guard's own waits until the answers
/// to the requests before it are written.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Where the request being read is.
    private enum Reading {
        /// Between requests.
        case idle
        /// Bytes of a head have arrived, the whole head has not.
        case head(since: NIODeadline)
        /// The head has arrived, the end of the body has not.
        case body(since: NIODeadline)
        /// Timed out or refused: nothing more is read on this connection.
        case abandoned
    }

    private let requestTimeout: TimeAmount
    private let metrics: EngineMetrics
    private let logger: Logger
    private var reading = Reading.idle
    /// Whether parts were decoded since the last read from the socket completed.
    private var partsInThisRead = false
    /// When the request being read must have arrived; nil between requests.
    private var due: NIODeadline?
    /// The connection's one timer: it fires at the earliest `due` it was set for and, finding
    /// a later one (a request begun since), sets itself again, so that a request costs a clock
    /// reading, not a timer.
    private var timer: Scheduled<Void>?
    /// Requests whose answer is not completely written yet.
    private var unanswered = 0
    /// Whether answers say `Connection: close` and the connection closes when none is left.
    private var closing = false
    /// The guard's own answer, written when the answers before it are.
    private var pendingAnswer: (error: APIError, since: NIODeadline)?

    /// A guard cutting requests off after `requestTimeout`; its own answers are logged and
    /// counted like the routes'.
    init(requestTimeout: Duration, metrics: EngineMetrics, logger: Logger) {
        self.requestTimeout = TimeAmount(requestTimeout)
        self.metrics = metrics
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partsInThisRead = true
        switch (unwrapInboundIn(data), reading) {
        case (_, .abandoned):
            return
        case (.head, .idle):
            unanswered += 1
            startDeadline(context: context)
            reading = .body(since: .now())
        case (.head, .head(let since)):
            unanswered += 1
            reading = .body(since: since)
        case (.end, .body):
            cancelDeadline()
            reading = .idle
        case (.head, .body), (.body, _), (.end, _):
            break
        }
        context.fireChannelRead(data)
    }

    /// The first bytes of a request start its clock, even before its head can be parsed: a read
    /// that decoded no part while no request was being read is the start of a head.
    func channelReadComplete(context: ChannelHandlerContext) {
        if case .idle = reading, !partsInThisRead {
            startDeadline(context: context)
            reading = .head(since: .now())
        }
        partsInThisRead = false
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch (reading, Self.refusal(error)) {
        case (.idle, let refusal?):
            refuse(refusal, since: .now(), context: context)
        case (.head(let since), let refusal?):
            refuse(refusal, since: since, context: context)
        case (.body, _?):
            // The body is being read: the route's read fails with this error (ErrorMiddleware
            // answers 400), and the connection closes after the answer.
            abandon()
            context.fireErrorCaught(error)
        case (.abandoned, _?):
            break
        case (_, nil):
            context.fireErrorCaught(error)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent { closing = true }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopTimer()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopTimer()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where closing && pendingAnswer == nil:
            head.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end:
            unanswered = max(unanswered - 1, 0)
            guard closing, unanswered == 0 else { return context.write(data, promise: promise) }
            if let pending = pendingAnswer {
                context.write(data, promise: promise)
                answer(pending.error, since: pending.since, context: context)
            } else {
                closeAfterWriting(data, promise: promise, context: context)
            }
        case .head, .body:
            context.write(data, promise: promise)
        }
    }

    // MARK: Deadlines

    private func startDeadline(context: ChannelHandlerContext) {
        let due = NIODeadline.now() + requestTimeout
        self.due = due
        if timer == nil { arm(at: due, context: context) }
    }

    private func arm(at when: NIODeadline, context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: when) { [self] in
            timer = nil
            guard let due else { return }
            guard NIODeadline.now() >= due else { return arm(at: due, context: context) }
            self.due = nil
            switch reading {
            case .head(let since):
                refuse(.requestTimeout(Duration(requestTimeout)), since: since, context: context)
            case .body:
                abandon()
                context.fireErrorCaught(APIError.requestTimeout(Duration(requestTimeout)))
            case .idle, .abandoned:
                break
            }
        }
    }

    /// The request has arrived (or will not): nothing is due.
    private func cancelDeadline() {
        due = nil
    }

    /// The connection is going: its timer goes too.
    private func stopTimer() {
        due = nil
        timer?.cancel()
        timer = nil
    }

    // MARK: Refusing

    /// The answer to `error` when it means the client sent what cannot be read; nil for every
    /// other error (a client that went away, a broken socket), which goes down the pipeline.
    private static func refusal(_ error: any Error) -> APIError? {
        switch error {
        case HTTPParserError.invalidEOFState, HTTPParserError.closedConnection:
            return nil
        case let error as HTTPParserError:
            return APIError(malformed: error)
        case is HTTP1TypeConversionError:
            return .invalidRequest("the request line names no method or path that HTTP allows")
        default:
            return nil
        }
    }

    /// Stops reading and closes the connection once every answer is written.
    private func abandon() {
        cancelDeadline()
        reading = .abandoned
        closing = true
    }

    /// Answers a request whose head could not be read with `error`, once the answers before it
    /// are written, and closes the connection.
    private func refuse(_ error: APIError, since: NIODeadline, context: ChannelHandlerContext) {
        abandon()
        if unanswered == 0 {
            answer(error, since: since, context: context)
        } else {
            pendingAnswer = (error, since)
        }
    }

    /// Writes `error` as the JSON answer, logs and counts it, and closes the connection after it.
    private func answer(_ error: APIError, since: NIODeadline, context: ChannelHandlerContext) {
        pendingAnswer = nil
        let id = RequestID.make()
        let body = error.body
        let head = HTTPResponse(
            status: error.status,
            headerFields: [
                .contentType: "application/json; charset=utf-8", .contentLength: String(body.readableBytes),
                .connection: "close", .xRequestID: id,
            ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        closeAfterWriting(wrapOutboundOut(.end(nil)), promise: nil, context: context)
        RequestLogMiddleware.record(
            id: id, method: "unknown", route: RequestLogMiddleware.unmatched, status: Int(error.status.code),
            duration: Duration(NIODeadline.now() - since), metrics: metrics, logger: logger)
    }

    /// Writes and flushes `data`, then closes the connection (once written, so that a large
    /// answer is not cut off by the close).
    private func closeAfterWriting(_ data: NIOAny, promise: EventLoopPromise<Void>?, context: ChannelHandlerContext) {
        let written = promise ?? context.eventLoop.makePromise()
        context.writeAndFlush(data, promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}

@available(*, unavailable)
extension ConnectionGuard: Sendable {}
