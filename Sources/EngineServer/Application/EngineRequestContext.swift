import Hummingbird

/// The service's request context: Hummingbird's basics, the request id, and the service's own
/// request decoder and response encoder.
public struct EngineRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, parameters, allocator).
    public var coreContext: CoreRequestContextStorage
    /// The request's id (the caller's `X-Request-Id` when sane, else a new one), set once by the
    /// request log middleware and read by whoever logs on the request's behalf (setting it in the
    /// logger's metadata instead would re-render that metadata on every request).
    public var requestID = ""
    /// The largest body `request.decode(as:context:)` reads; a route sets its own limit first.
    public var maxUploadSize = 2 * 1024 * 1024

    /// A context for a request from `source`.
    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// The fast analysis input reader, falling back to `JSONDecoder`.
    public var requestDecoder: some RequestDecoder { EngineRequestDecoder() }

    /// The fast writer for the wire types, falling back to `JSONEncoder`.
    public var responseEncoder: some ResponseEncoder { EngineResponseEncoder() }
}
