import Foundation
import MotivationEngine
import Statistics
import Testing

@testable import ExperimentReport

@Suite("Right-censoring of the retention windows")
struct CensoringTests {
    typealias F = ReportFixtures

    static func decided(_ outcome: ExposureOutcome, hitWorkouts: Int = 5) -> DecidedOutcome {
        DecidedOutcome(outcome, asOf: F.asOf, hitWorkouts: hitWorkouts)
    }

    @Test("a window counts only once it has elapsed")
    func windows() {
        // Exposed 3 days ago, back on day 1: nothing but the return time is decided yet.
        let early = Self.decided(F.outcome(arm: "control", daysAgo: 3, daysToNextWorkout: 1, followUp: 1))
        #expect(early.returnedWithin7Days == nil && early.returnedWithin28Days == nil)
        #expect(early.workoutsWithin28Days == nil && early.targetHit == nil)
        #expect(early.nextWorkout == KaplanMeier.Observation(time: 1, event: true))

        // Exactly 7 days, back on day 7: the 7-day window has elapsed and counts the return.
        let boundary = Self.decided(F.outcome(arm: "control", daysAgo: 7, daysToNextWorkout: 7))
        #expect(boundary.returnedWithin7Days == true && boundary.returnedWithin28Days == nil)

        // 10 days, back on day 8: missed the 7-day window; 28 days still open.
        let late = Self.decided(F.outcome(arm: "control", daysAgo: 10, daysToNextWorkout: 8))
        #expect(late.returnedWithin7Days == false && late.returnedWithin28Days == nil)

        // 40 days, back on day 20, 3 workouts in 28 days.
        let long = Self.decided(F.outcome(arm: "control", daysAgo: 40, daysToNextWorkout: 20, workouts28: 3))
        #expect(long.returnedWithin7Days == false && long.returnedWithin28Days == true)
        #expect(long.workoutsWithin28Days == 3)

        // 30 days, never back: censored at 30 for the curve, a "no" everywhere else.
        let gone = Self.decided(F.outcome(arm: "control", daysAgo: 30))
        #expect(gone.returnedWithin7Days == false && gone.returnedWithin28Days == false && gone.workoutsWithin28Days == 0)
        #expect(gone.nextWorkout.event == false && abs(gone.nextWorkout.time - 30) < 1e-9)
    }

    @Test("the target is decided when reached, after K follow-ups, or after 28 days")
    func target() {
        #expect(Self.decided(F.outcome(arm: "c", daysAgo: 2, followUp: 1, reached: true)).targetHit == true)
        #expect(Self.decided(F.outcome(arm: "c", daysAgo: 2, followUp: 4)).targetHit == nil)
        #expect(Self.decided(F.outcome(arm: "c", daysAgo: 2, followUp: 5)).targetHit == false)
        #expect(Self.decided(F.outcome(arm: "c", daysAgo: 2, followUp: 3), hitWorkouts: 3).targetHit == false)
        #expect(Self.decided(F.outcome(arm: "c", daysAgo: 27.9, followUp: 2)).targetHit == nil)
        #expect(Self.decided(F.outcome(arm: "c", daysAgo: 28, followUp: 2)).targetHit == false)
    }

    @Test("what is not known at asOf is censored: later exposures and later workouts")
    func afterAsOf() {
        let future = Self.decided(F.outcome(arm: "c", daysAgo: -1, daysToNextWorkout: 0.5))
        #expect(future.returnedWithin7Days == nil && future.targetHit == nil)
        #expect(future.nextWorkout == KaplanMeier.Observation(time: 0, event: false))
        let unseen = Self.decided(F.outcome(arm: "c", daysAgo: 5, daysToNextWorkout: 6))
        #expect(unseen.nextWorkout.event == false && abs(unseen.nextWorkout.time - 5) < 1e-9)
        let notANumber = Self.decided(F.outcome(arm: "c", daysAgo: 9, daysToNextWorkout: .nan))
        #expect(notANumber.returnedWithin7Days == false && notANumber.nextWorkout.event == false)
    }

    @Test("the report counts the players left out of each metric")
    func leftOutCounts() throws {
        let outcomes = [
            F.outcome(arm: "control", daysAgo: 3, daysToNextWorkout: 1, followUp: 1),
            F.outcome(arm: "control", daysAgo: 3, followUp: 1, reached: true),
            F.outcome(arm: "control", daysAgo: 10, daysToNextWorkout: 8, followUp: 5),
            F.outcome(arm: "control", daysAgo: 30),
            F.outcome(arm: "control", daysAgo: 40, daysToNextWorkout: 2, workouts28: 4, followUp: 5, reached: true),
        ]
        let report = try RetentionReport(
            outcomes: outcomes, settings: RetentionReportSettings(asOf: F.asOf), experiment: "censoring")
        let metrics = report.arms[0].metrics
        #expect(report.arms[0].players == 5)
        #expect(metrics.returnedWithin7Days.included == 3 && metrics.returnedWithin7Days.leftOut == 2)
        #expect(metrics.returnedWithin7Days.estimate == 1.0 / 3)
        #expect(metrics.returnedWithin28Days.included == 2 && metrics.returnedWithin28Days.leftOut == 3)
        #expect(metrics.workoutsWithin28Days.included == 2 && metrics.workoutsWithin28Days.leftOut == 3)
        #expect(metrics.workoutsWithin28Days.estimate == 2)
        #expect(metrics.targetHit.included == 4 && metrics.targetHit.leftOut == 1)
        #expect(metrics.targetHit.estimate == 0.5)
        // The one group holds the same counts.
        #expect(report.groups.count == 1 && report.groups[0].metrics == metrics)
    }
}
