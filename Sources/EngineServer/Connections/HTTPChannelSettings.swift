import HummingbirdCore
import Logging
import NIOCore

/// How the server reads HTTP/1.1 from its connections: the parser's limits on a request head,
/// the idle timeout of keep-alive connections, and a `ConnectionGuard` on every connection.
enum HTTPChannelSettings {
    /// The most bytes in the request line, in one header field, and in all header fields
    /// together (Hummingbird's defaults, fixed here because the 431 answer quotes them).
    static let headLimit = 80 * 1024

    /// The HTTP/1.1 server for `configuration`; the guards' own answers are logged to `logger`
    /// and counted in `metrics`.
    ///
    /// Hummingbird's idle timeout closes a connection on which nothing has been read or written
    /// for `idleTimeout`: between keep-alive requests, and before a first request. A request
    /// being answered is never cut by it.
    static func server(_ configuration: ServerConfiguration, metrics: EngineMetrics, logger: Logger) -> HTTPServerBuilder {
        .http1(
            configuration: HTTP1Channel.Configuration(
                additionalChannelHandlers: [
                    ConnectionGuard(requestTimeout: configuration.requestTimeout, metrics: metrics, logger: logger)
                ],
                idleTimeout: TimeAmount(configuration.idleTimeout),
                httpDecoderConfiguration: .init(maxHeaderFieldSize: headLimit, maxHeaderListSize: headLimit)))
    }
}
