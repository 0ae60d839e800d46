import Dispatch
import Foundation
import Synchronization

/// Runs independent chunks of work on several threads with results that do not depend on
/// the thread count: each chunk writes only its own output slot, and callers combine the
/// slots in chunk order afterwards.
enum Parallelism {
    /// The number of threads used when a caller does not choose: the active processor count.
    static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body` once for each chunk index in `0..<chunks`, on up to `threads` threads.
    /// Threads take the next chunk as they finish one, so a core that another process is
    /// using slows the pass by its own share only.
    static func forEachChunk(_ chunks: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        let workers = min(max(1, threads), chunks)
        if workers <= 1 {
            for chunk in 0..<chunks { body(chunk) }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard chunk < chunks else { return }
                body(chunk)
            }
        }
    }
}

/// A pointer that parallel chunks write through, each to its own disjoint range.
struct DisjointWrites<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
}

/// A pointer to memory that parallel chunks only read.
struct ReadOnlyPointer<Element>: @unchecked Sendable {
    let base: UnsafePointer<Element>
}
