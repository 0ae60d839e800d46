import Foundation
import Synchronization

/// Whether the database is worth asking: after a unit of work finds it out of reach, the
/// pool answers at once with the same error rather than making every request wait for a
/// connection that cannot come (the pool's wait deadline), and lets one unit of work through
/// every `probeInterval` to find out whether it is back. The first success ends the outage.
final class DatabaseAvailability: Sendable {
    /// How often, during an outage, one unit of work is let through to try the database.
    let probeInterval: Duration
    private let state = Mutex(State.up)
    private let clock = ContinuousClock()

    private enum State {
        case up
        case down(error: DatabaseError, nextProbe: ContinuousClock.Instant, probing: Bool)
    }

    init(probeInterval: Duration = .milliseconds(500)) {
        self.probeInterval = probeInterval
    }

    /// Whether the database is taken to be out of reach right now.
    var isDown: Bool {
        state.withLock { if case .down = $0 { return true } else { return false } }
    }

    /// Lets a unit of work through, or throws the outage's error while the database is down
    /// and another unit of work is already trying it (or the next try is not due yet).
    func admit() throws(DatabaseError) {
        let now = clock.now
        let refusal: DatabaseError? = state.withLock { state in
            guard case .down(let error, let nextProbe, let probing) = state else { return nil }
            guard !probing, now >= nextProbe else { return error }
            state = .down(error: error, nextProbe: now + probeInterval, probing: true)
            return nil
        }
        if let refusal { throw refusal }
    }

    /// What a unit of work that was let through found out.
    enum Outcome {
        /// The database answered (with rows or with an error about the query).
        case answered
        /// The database could not be reached (`DatabaseError.unreachable`).
        case unreachable(DatabaseError)
        /// Nothing either way (the work was cancelled, or failed before it asked).
        case unknown
    }

    /// Records what a unit of work found: an answer ends an outage, an unreachable database
    /// starts or prolongs one, and an unknown outcome lets the next unit of work try at once.
    func record(_ outcome: Outcome) {
        let now = clock.now
        state.withLock { state in
            switch outcome {
            case .answered:
                state = .up
            case .unreachable(let error):
                state = .down(error: error, nextProbe: now + probeInterval, probing: false)
            case .unknown:
                if case .down(let error, _, _) = state {
                    state = .down(error: error, nextProbe: now, probing: false)
                }
            }
        }
    }
}
