import Hummingbird
import Synchronization

/// The routes the service has, by path template, so that a request for a known path with
/// another method is answered 405 with `Allow` rather than 404. Filled once the router is built.
final class RouteTable: Sendable {
    private let routes = Mutex<[(template: [Substring], method: String)]>([])

    /// Records the router's routes.
    func record(_ descriptions: [Router<EngineRequestContext>.RouteDescription]) {
        routes.withLock { routes in
            routes = descriptions.map { (template: $0.path.description.split(separator: "/"), method: $0.method.rawValue) }
        }
    }

    /// The methods served for `path`, sorted; empty when no route has this path. As in the
    /// router, a literal part wins over a parameter: `/v1/models/reload` is the reload route's
    /// path only, not also one of `/v1/models/{segment}`.
    func methods(for path: String) -> [String] {
        let parts = path.split(separator: "/")
        return routes.withLock { routes in
            let matching = routes.filter { Self.matches(parts, $0.template) }
            guard let served = matching.map(\.template).min(by: Self.moreSpecific) else { return [] }
            return Set(matching.filter { $0.template == served }.map(\.method)).sorted()
        }
    }

    private static func matches(_ parts: [Substring], _ template: [Substring]) -> Bool {
        parts.count == template.count && zip(parts, template).allSatisfy { part, pattern in isParameter(pattern) || part == pattern }
    }

    /// Whether template `a` is the router's choice over `b` for a path both match: a literal
    /// where the other has a parameter, at the first part where they differ so.
    private static func moreSpecific(_ a: [Substring], _ b: [Substring]) -> Bool {
        for (x, y) in zip(a, b) where isParameter(x) != isParameter(y) { return !isParameter(x) }
        return false
    }

    private static func isParameter(_ pattern: Substring) -> Bool {
        pattern.hasPrefix("{") || pattern.hasPrefix(":")
    }
}
