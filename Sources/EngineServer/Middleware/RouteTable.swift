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

    /// The methods routed for `path`, sorted; empty when no route has this path.
    func methods(for path: String) -> [String] {
        let parts = path.split(separator: "/")
        return routes.withLock { routes in
            Set(routes.filter { Self.matches(parts, $0.template) }.map(\.method)).sorted()
        }
    }

    private static func matches(_ parts: [Substring], _ template: [Substring]) -> Bool {
        parts.count == template.count
            && zip(parts, template).allSatisfy { part, pattern in pattern.hasPrefix("{") || pattern.hasPrefix(":") || part == pattern }
    }
}
