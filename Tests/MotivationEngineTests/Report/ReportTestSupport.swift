import Foundation
@testable import MotivationEngine

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator, so simulated experiments
/// are the same on every run and platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A Beta(a, b) draw for whole a, b: Γ(a) / (Γ(a) + Γ(b)), each gamma a sum of exponentials.
    mutating func beta(_ a: Int, _ b: Int) -> Double {
        let x = gamma(a)
        return x / (x + gamma(b))
    }

    /// A Gamma(shape, 1) draw for a whole shape.
    private mutating func gamma(_ shape: Int) -> Double {
        (0..<shape).reduce(0) { sum, _ in sum - log1p(-unit()) }
    }
}

/// Exposure outcomes for the report tests, all relative to one report date.
enum ReportFixtures {
    static let asOf = Date(timeIntervalSince1970: 1_800_000_000)
    static let dualFlow = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10)
    static let sprint = SegmentKey(gameMode: "Sprint", difficulty: 2, durationMinutes: 5)

    /// One outcome, exposed `daysAgo` days before `asOf`.
    static func outcome(
        arm: String, daysAgo: Double, daysToNextWorkout: Double? = nil, workouts28: Int = 0,
        followUp: Int = 0, reached: Bool = false, segment: SegmentKey = dualFlow, cluster: Int = 2,
        label: String = "Advanced", user: String = "u"
    ) -> ExposureOutcome {
        let returned7 = daysToNextWorkout.map { $0 <= 7 } ?? false
        return ExposureOutcome(
            userId: user, segment: segment, cluster: cluster, clusterLabel: label, arm: arm,
            exposedAt: asOf.addingTimeInterval(-daysAgo * 86_400), target: 150_000,
            daysToNextWorkout: daysToNextWorkout, workoutsWithin7Days: returned7 ? 1 : 0,
            workoutsWithin28Days: workouts28, followUpWorkouts: followUp, reachedTarget: reached)
    }

    /// A simulated arm of heterogeneous players: each player's own chance of coming back within
    /// 7 days is drawn from Beta(`shape.a`, `shape.b`); exposures are spread over
    /// `exposedDaysAgo`, and what happened after `asOf` is not yet known.
    static func simulatedArm(
        _ arm: String, players: Int, shape: (a: Int, b: Int), exposedDaysAgo: ClosedRange<Double>,
        random: inout SplitMix64
    ) -> [ExposureOutcome] {
        (0..<players).map { index in
            let daysAgo = exposedDaysAgo.lowerBound + random.unit() * (exposedDaysAgo.upperBound - exposedDaysAgo.lowerBound)
            let chance = random.beta(shape.a, shape.b)
            var next: Double?
            if random.unit() < chance {
                next = 0.05 + 6.95 * random.unit()
            } else if random.unit() < 0.5 {
                next = 7.01 + 20.99 * random.unit()
            }
            if let day = next, day > daysAgo { next = nil }
            let back = next != nil
            let followUp = back ? Int(random.unit() * 6) : 0
            let reached = back && random.unit() < 0.3
            return outcome(
                arm: arm, daysAgo: daysAgo, daysToNextWorkout: next,
                workouts28: back ? 1 + Int(random.unit() * 8) : 0, followUp: min(5, followUp),
                reached: reached, segment: index % 3 == 0 ? sprint : dualFlow, cluster: index % 4,
                label: ["Beginner", "Intermediate", "Advanced", "Expert"][index % 4], user: "\(arm)-\(index)")
        }
    }

    /// Encodes as the API would: snake_case keys from the types, ISO 8601 dates. Throws on any
    /// non-finite number.
    static func json(_ report: RetentionReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}
