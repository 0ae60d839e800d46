import NIOCore
import Synchronization

/// Runs one unit of database work so that its caller always has an answer in time, whatever
/// the driver does.
///
/// PostgresNIO 1.33 sends every query with `channel.write(task, promise: nil)`. Once a
/// connection's channel has closed, its handler is gone from the pipeline, that write fails
/// silently and the query's promise is never completed: a query issued on a connection that
/// closed after the pool handed it out (in an outage they all close at once) waits forever.
/// An `await` on it cannot be cancelled either. So the work runs in a task of its own, and the
/// caller is answered by whichever comes first:
/// - the work's own result or error;
/// - `deadline` passing (`Interruption.deadline`);
/// - the connection having been closed for two of `watch`'s looks in a row, 100 ms apart,
///   without the work ending (`Interruption.connectionClosed`: the driver fails what it knows
///   of at once, so what is still waiting by then never will be);
/// - the caller's task being cancelled (`CancellationError`).
///
/// `interrupted` runs once when the guard answers instead of the work (the pool closes the
/// connection there); `finished` runs once when the work itself ends, whenever that is (the
/// pool gives the connection back there, unless it was interrupted).
enum GuardedOperation {
    /// Why the guard answered instead of the work.
    enum Interruption: Error, Sendable, Equatable {
        case deadline(Duration)
        case connectionClosed

        /// In words, for `DatabaseError.unreachable`.
        var reason: String {
            switch self {
            case .deadline(let deadline): return "no answer within \(deadline)"
            case .connectionClosed: return "the connection closed under the query"
            }
        }
    }

    static func run<Result: Sendable>(
        deadline: Duration, watch: OperationWatch, isClosed: @escaping @Sendable () -> Bool,
        interrupted: @escaping @Sendable (Interruption) -> Void,
        finished: @escaping @Sendable () -> Void,
        _ work: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        let answer = Answer<Result>()
        let watched = watch.add(deadline: deadline, isClosed: isClosed) { interruption in
            answer.resume(with: .failure(interruption), first: { interrupted(interruption) })
        }
        defer { watch.remove(watched) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                answer.install(continuation)
                let task = Task {
                    let result: Swift.Result<Result, any Error>
                    do { result = .success(try await work()) } catch { result = .failure(error) }
                    finished()
                    answer.resume(with: result)
                }
                answer.onCancel { task.cancel() }
            }
        } onCancel: {
            answer.resume(with: .failure(CancellationError()))
        }
    }

    /// The caller's continuation, resumed exactly once by whoever answers first; an answer other
    /// than the work's own result cancels the work's task.
    private final class Answer<Result: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<Result, any Error>?
            var early: Swift.Result<Result, any Error>?
            var answered = false
            var cancel: (@Sendable () -> Void)?
        }
        private let state = Mutex(State())

        var isAnswered: Bool { state.withLock { $0.answered } }

        /// Keeps the continuation, or resumes it at once when the answer came first (a caller
        /// cancelled before the work started).
        func install(_ continuation: CheckedContinuation<Result, any Error>) {
            let early: Swift.Result<Result, any Error>? = state.withLock { state in
                guard let early = state.early else {
                    state.continuation = continuation
                    return nil
                }
                return early
            }
            if let early { continuation.resume(with: early) }
        }

        /// What to do to the work when the caller is answered otherwise (cancel its task).
        func onCancel(_ cancel: @escaping @Sendable () -> Void) {
            let cancelNow = state.withLock { state -> Bool in
                guard !state.answered else { return true }
                state.cancel = cancel
                return false
            }
            if cancelNow { cancel() }
        }

        /// Answers the caller unless somebody already did; if this call does, `first` runs
        /// before the caller resumes.
        func resume(with result: Swift.Result<Result, any Error>, first: () -> Void = {}) {
            typealias Taken = (continuation: CheckedContinuation<Result, any Error>?, cancel: (@Sendable () -> Void)?)
            let taken: Taken? = state.withLock { state -> Taken? in
                guard !state.answered else { return nil }
                state.answered = true
                let taken: Taken = (state.continuation, state.cancel)
                if taken.continuation == nil { state.early = result }
                state.continuation = nil
                return taken
            }
            guard let taken else { return }
            first()
            taken.continuation?.resume(with: result)
            if case .failure = result { taken.cancel?() }
        }
    }
}
