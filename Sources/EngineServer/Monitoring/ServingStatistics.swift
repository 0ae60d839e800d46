import Foundation
import MotivationEngine
import Synchronization

/// What this process has served, for the monitoring page: analyses per segment and cluster
/// since start, and requests, latency and analyses per minute over the last hour. Per process,
/// like the metrics.
public final class ServingStatistics: Sendable {
    /// Minutes kept.
    public static let minutes = 60

    /// When counting started.
    public let startedAt: Date
    private let state: Mutex<State>

    struct State {
        var clusters: [SegmentKey: [Int: Int]] = [:]
        /// Per minute (index: minutes since 1970 modulo `minutes`).
        var buckets: [Bucket]
    }

    /// One minute.
    public struct Bucket: Sendable {
        /// The minute since 1970 this bucket counts; -1 for a bucket never used.
        public var minute = -1
        /// Requests answered in the minute.
        public var requests = 0
        /// Their summed latency in seconds.
        public var latencySeconds = 0.0
        /// Analyses made in the minute.
        public var analyses = 0
        /// Analyses per cluster of each segment in this minute.
        public var clusters: [SegmentKey: [Int: Int]] = [:]
    }

    init(now: Date = Date()) {
        startedAt = now
        state = Mutex(State(buckets: Array(repeating: Bucket(), count: Self.minutes)))
    }

    /// Counts one answered request and its duration.
    func recordRequest(duration: Duration, at now: Date = Date()) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        state.withLock { state in
            Self.update(&state, at: now) {
                $0.requests += 1
                $0.latencySeconds += seconds
            }
        }
    }

    /// Counts `count` analyses in `segment`, `cluster`.
    func recordAnalyses(segment: SegmentKey, cluster: Int, count: Int = 1, at now: Date = Date()) {
        state.withLock { state in
            state.clusters[segment, default: [:]][cluster, default: 0] += count
            Self.update(&state, at: now) {
                $0.analyses += count
                $0.clusters[segment, default: [:]][cluster, default: 0] += count
            }
        }
    }

    /// Analyses per cluster of each segment since start.
    public var clusterCounts: [SegmentKey: [Int: Int]] { state.withLock { $0.clusters } }

    /// The last hour, oldest minute first (minutes without traffic are zero).
    public func lastHour(now: Date = Date()) -> [(minute: Int, bucket: Bucket)] {
        let current = Self.minute(now)
        return state.withLock { state in
            (current - Self.minutes + 1...current).map { minute in
                let bucket = state.buckets[Self.slot(minute)]
                return (minute, bucket.minute == minute ? bucket : Bucket(minute: minute))
            }
        }
    }

    private static func update(_ state: inout State, at now: Date, _ change: (inout Bucket) -> Void) {
        let minute = minute(now)
        let slot = slot(minute)
        if state.buckets[slot].minute != minute { state.buckets[slot] = Bucket(minute: minute) }
        change(&state.buckets[slot])
    }

    private static func minute(_ date: Date) -> Int { Int(date.timeIntervalSince1970 / 60) }
    private static func slot(_ minute: Int) -> Int { ((minute % minutes) + minutes) % minutes }
}

/// The population stability index of served against trained shares, with a small floor for
/// empty bins: under 0.1 stable, 0.1–0.2 a shift worth watching, above 0.2 a real change.
public enum PopulationStability {
    /// The population stability index of `actual` against `expected` shares, each share floored at `floor` so that an empty cluster stays finite: below 0.1 stable, above 0.25 drifted.
    public static func index(expected: [Double], actual: [Double], floor: Double = 1e-4) -> Double {
        zip(expected, actual).reduce(0) { sum, pair in
            let e = max(pair.0, floor), a = max(pair.1, floor)
            return sum + (a - e) * log(a / e)
        }
    }
}
