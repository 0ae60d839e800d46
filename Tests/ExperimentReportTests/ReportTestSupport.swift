import Foundation
import MotivationEngine
import TestSupport

@testable import ExperimentReport

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
