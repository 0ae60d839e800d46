import Hummingbird

/// The service's request context: Hummingbird's basics plus the request id, set once by the
/// request log middleware and read by whoever logs on the request's behalf (setting it in the
/// logger's metadata instead would re-render that metadata on every request).
public struct EngineRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request's id (the caller's `X-Request-Id` when sane, else a new one).
    public var requestID = ""

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
