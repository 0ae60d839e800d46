#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's limit on open files (`RLIMIT_NOFILE`): every connection, database connection
/// and file the engine has open counts against it.
public enum OpenFileLimit {
    /// The soft limit: the most files the process may have open now.
    public static var current: Int {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return fallback }
        return clamped(limit.rlim_cur)
    }

    /// Raises the soft limit to the hard limit, as a server that holds many connections should
    /// (the soft limit is often 1,024 while the hard limit is far higher; systemd's
    /// `LimitNOFILE=` sets both). Keeps the soft limit when the system refuses.
    /// - Returns: the soft limit afterwards.
    @discardableResult
    public static func raise() -> Int {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return current }
        #if canImport(Darwin)
            // Darwin reports an unlimited hard limit but refuses a soft limit above OPEN_MAX.
            limit.rlim_cur = min(limit.rlim_max, rlim_t(OPEN_MAX))
        #else
            limit.rlim_cur = limit.rlim_max
        #endif
        _ = setrlimit(resource, &limit)
        return current
    }

    #if canImport(Glibc)
        private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
        private static let resource = RLIMIT_NOFILE
    #endif

    /// The limit assumed when `getrlimit` fails: the common default.
    private static let fallback = 1024

    private static func clamped(_ value: rlim_t) -> Int {
        value >= rlim_t(Int.max) ? Int.max : Int(value)
    }
}
