import NIOCore
import PostgresNIO
import SQLiteNIO

/// Tells a database that went away from a query that went wrong: an error that says nothing
/// about the query but that the connection or the server is gone, shutting down, starting up,
/// out of connections, busy or out of time. Such an error is the database's outage (503
/// `database_unavailable`), never the engine's bug (500).
enum ConnectionFailure: Equatable {
    /// The connection or the server is gone or cannot serve now.
    case outage(String)
    /// The statement ran past its timeout (the server is there, the work was too long).
    case timeout(String)

    /// PostgreSQL's SQLSTATEs of a server that cannot serve right now: the whole class 08
    /// (connection exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect
    /// now, 53xxx insufficient resources (53300 too many connections), 40001/40P01
    /// (serialization failure, deadlock: try again later).
    static func isOutage(sqlState: String) -> Bool {
        sqlState.hasPrefix("08") || sqlState.hasPrefix("53") || sqlState.hasPrefix("57P") || ["40001", "40P01"].contains(sqlState)
    }

    /// What `error` says about the database; nil for an error of the query itself (a missing
    /// table, a bad value), which passes through unchanged.
    static func kind(_ error: any Error) -> ConnectionFailure? {
        switch error {
        case let error as PSQLError:
            switch error.code {
            case .clientClosedConnection, .serverClosedConnection, .connectionError, .uncleanShutdown, .poolClosed:
                return .outage("the connection was lost (\(error.code))")
            case .queryCancelled:
                return .timeout("the query was cancelled")
            case .server:
                guard let state = error.serverInfo?[.sqlState] else { return nil }
                let message = "\(state): \(error.serverInfo?[.message] ?? "the server refused the query")"
                if state == "57014" { return .timeout(message) }
                return isOutage(sqlState: state) ? .outage(message) : nil
            default:
                return nil
            }
        case let error as SQLiteError:
            switch error.reason {
            case .busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot, .lockedBySharedCache:
                return .timeout("SQLite: \(error.message)")
            case .ioError, .cantOpen:
                return .outage("SQLite: \(error.message)")
            default:
                return nil
            }
        case let error as ChannelError:
            return .outage("the connection was lost (\(error))")
        case let error as IOError:
            return .outage("the connection was lost (\(error.description))")
        default:
            return nil
        }
    }
}
