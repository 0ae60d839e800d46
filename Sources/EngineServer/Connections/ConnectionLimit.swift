import HummingbirdCore
import Logging
import NIOCore

/// How many connections the server serves at once: the configured maximum, lowered when the
/// open-file limit cannot hold that many beside the descriptors the engine needs for itself.
///
/// Connections past the limit are not accepted: they wait in the listen backlog (past the
/// backlog, the kernel refuses them) until a connection closes, and are then served. Keeping
/// the limit under the open-file limit keeps `accept` from failing with `EMFILE`, which
/// SwiftNIO (2.101) cannot back off from: after a failed `accept` the listening socket stays
/// registered for reading, so the event loop retries `accept` in a busy loop (one core at
/// 100 %) until a descriptor is free.
public struct ConnectionLimit: Sendable, Equatable {
    /// The most connections served at once.
    public let maximum: Int
    /// The maximum asked for (`ServerConfiguration.maximumConnections`).
    public let configured: Int
    /// The open-file limit it was fitted into.
    public let openFiles: Int
    /// The descriptors kept for the engine itself.
    public let reserved: Int

    /// The fewest connections worth serving; a smaller open-file limit is refused at start.
    static let smallest = 16

    /// Fits `configured` connections into `openFiles` descriptors of which `reserved` are the
    /// engine's own.
    /// - Throws: `ServerConfigurationError.tooFewOpenFiles` when fewer than 16 connections fit.
    public init(configured: Int, openFiles: Int, reserved: Int) throws {
        let room = openFiles - reserved
        guard room >= Self.smallest else {
            throw ServerConfigurationError.tooFewOpenFiles(openFiles: openFiles, reserved: reserved)
        }
        self.configured = configured
        self.openFiles = openFiles
        self.reserved = reserved
        maximum = min(configured, room)
    }

    /// The descriptors the engine keeps for itself: standard streams, the listening socket,
    /// model and template files being read, a few connections accepted in one burst (64), each
    /// event loop's epoll, event and timer descriptors (3 each), and each pooled database
    /// connection's socket or SQLite file with its journal or WAL and shared memory (3 each).
    public static func reserve(databaseConnections: Int, eventLoops: Int = System.coreCount) -> Int {
        64 + 3 * eventLoops + 3 * databaseConnections
    }

    /// Whether the open-file limit lowered the configured maximum.
    public var isLowered: Bool { maximum < configured }

    /// What Hummingbird's server asks before accepting a connection.
    func delegate(metrics: EngineMetrics, logger: Logger) -> some AvailableConnectionsDelegate {
        ConnectionCounter(maximum: maximum, metrics: metrics, logger: logger)
    }
}

/// Counts the open connections for Hummingbird's `AvailableConnectionsChannelHandler`, which
/// stops accepting while the count is at the maximum; sets the connection gauges, and logs when
/// the limit is reached and when there is room again (below 90 % of it, so that a server
/// hovering at the limit does not log every connection).
private struct ConnectionCounter: AvailableConnectionsDelegate {
    let maximum: Int
    let metrics: EngineMetrics
    let logger: Logger
    var open = 0
    var atLimit = false

    mutating func connectionOpened() {
        open += 1
        metrics.recordConnections(open: open, maximum: maximum)
        if open >= maximum, !atLimit {
            atLimit = true
            logger.warning(
                "connection limit reached: new connections wait until one closes",
                metadata: ["max_connections": .stringConvertible(maximum)])
        }
    }

    mutating func connectionClosed() {
        open -= 1
        metrics.recordConnections(open: open, maximum: maximum)
        if atLimit, open * 10 < maximum * 9 {
            atLimit = false
            logger.notice("connections below the limit again", metadata: ["open_connections": .stringConvertible(open)])
        }
    }

    func isAcceptingNewConnections() -> Bool {
        open < maximum
    }
}
