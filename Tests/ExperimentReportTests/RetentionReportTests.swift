import Foundation
import MotivationEngine
import Statistics
import TestSupport
import Testing

@testable import ExperimentReport

@Suite("Retention report")
struct RetentionReportTests {
    typealias F = ReportFixtures

    static let settings = RetentionReportSettings(
        asOf: F.asOf, plannedArms: ["control", "cohort", "personal", "blended"])

    static func report(_ outcomes: [ExposureOutcome], settings: RetentionReportSettings = settings) throws -> RetentionReport {
        try RetentionReport(outcomes: outcomes, settings: settings, experiment: "targets-2026-12")
    }

    @Test("arms: control, the planned arms even without players, then other arms by name")
    func armOrder() throws {
        let report = try Self.report([
            F.outcome(arm: "zeta", daysAgo: 10), F.outcome(arm: "personal", daysAgo: 10),
            F.outcome(arm: "alpha", daysAgo: 10), F.outcome(arm: "control", daysAgo: 10, daysToNextWorkout: 2),
        ])
        #expect(report.arms.map(\.arm) == ["control", "cohort", "personal", "blended", "alpha", "zeta"])
        #expect(report.returnCurves.map(\.arm) == report.arms.map(\.arm))
        #expect(report.players == 4)
        let cohort = report.arms[1]
        #expect(cohort.players == 0 && cohort.metrics.returnedWithin7Days.estimate == nil)
        #expect(cohort.vsControl?.returnedWithin7Days == nil)
        #expect(report.arms[0].vsControl == nil)
        #expect(report.arms[2].vsControl?.returnedWithin7Days?.difference == -1)
    }

    @Test("groups by segment, cluster and arm, compared with control in the same segment and cluster")
    func groups() throws {
        let report = try Self.report([
            F.outcome(arm: "personal", daysAgo: 10, daysToNextWorkout: 1, segment: F.sprint, cluster: 1, label: "Intermediate"),
            F.outcome(arm: "control", daysAgo: 10, segment: F.sprint, cluster: 1, label: "Intermediate"),
            F.outcome(arm: "control", daysAgo: 10, daysToNextWorkout: 1, segment: F.dualFlow, cluster: 1, label: ""),
            F.outcome(arm: "control", daysAgo: 10, daysToNextWorkout: 1, segment: F.dualFlow, cluster: 1, label: "Intermediate"),
            F.outcome(arm: "personal", daysAgo: 10, segment: F.dualFlow, cluster: 1),
            F.outcome(arm: "personal", daysAgo: 10, segment: F.dualFlow, cluster: 3, label: "Expert"),
        ])
        let keys = report.groups.map { "\($0.segment.gameMode)/\($0.cluster)/\($0.arm)/\($0.clusterLabel)" }
        #expect(
            keys == [
                "DualFlow/1/control/Intermediate", "DualFlow/1/personal/Advanced", "DualFlow/3/personal/Expert",
                "Sprint/1/control/Intermediate", "Sprint/1/personal/Intermediate",
            ])
        // DualFlow cluster 1: personal 0/1 against control 2/2.
        #expect(report.groups[1].vsControl?.returnedWithin7Days?.difference == -1)
        // No control players in DualFlow cluster 3.
        #expect(report.groups[2].vsControl == nil)
        #expect(report.groups[4].vsControl?.returnedWithin7Days?.difference == 1)
        #expect(report.groups[0].vsControl == nil)
    }

    @Test("the JSON is snake_case with ISO 8601 dates and decodes back")
    func json() throws {
        var random = SplitMix64(seed: 3)
        let outcomes =
            F.simulatedArm("control", players: 50, shape: (4, 6), exposedDaysAgo: 0...40, random: &random)
            + F.simulatedArm("personal", players: 50, shape: (5, 5), exposedDaysAgo: 0...40, random: &random)
        let report = try Self.report(outcomes)
        let text = try F.json(report)
        for key in [
            "\"as_of\":\"2027-01-15T08:00:00Z\"", "\"hit_workouts\":5", "\"control_arm\":\"control\"", "\"return_curves\":",
            "\"vs_control\":", "\"returned_7d\":", "\"returned_28d\":", "\"workouts_28d\":", "\"target_hit\":",
            "\"left_out\":", "\"ci_low\":", "\"ci_high\":", "\"excludes_zero\":", "\"cluster_label\":",
            "\"game_mode\":\"DualFlow\"", "\"at_risk\":", "\"required_per_arm\":", "\"smallest_arm_included\":",
            "\"baseline_observed\":true", "\"minimum_detectable_effect\":0.05", "\"verdict\":[",
        ] {
            #expect(text.contains(key), "\(key)")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(RetentionReport.self, from: Data(text.utf8))
        #expect(decoded == report)
    }

    @Test("the return curve: 1 − S(t) per day with the number at risk")
    func returnCurve() throws {
        // Control: back on days 1 and 2.5, one censored at 3 (exposed 3 days ago), one never back
        // in 40 days.
        let report = try Self.report([
            F.outcome(arm: "control", daysAgo: 40, daysToNextWorkout: 1),
            F.outcome(arm: "control", daysAgo: 40, daysToNextWorkout: 2.5),
            F.outcome(arm: "control", daysAgo: 3),
            F.outcome(arm: "control", daysAgo: 40),
        ])
        let curve = report.returnCurves[0]
        #expect(curve.players == 4 && curve.points.count == 29)
        #expect(curve.points.map(\.day) == Array(0...28))
        #expect(curve.points[0].returned == 0 && curve.points[0].atRisk == 4)
        #expect(curve.points[1].returned == 0.25 && curve.points[1].atRisk == 4)
        #expect(curve.points[2].returned == 0.25 && curve.points[2].atRisk == 3)
        // S(3) = 3/4 · 2/3 = 0.5; at day 3 the censored player and the one never back remain.
        #expect(abs(try #require(curve.points[3].returned) - 0.5) < 1e-15 && curve.points[3].atRisk == 2)
        #expect(abs(try #require(curve.points[28].returned) - 0.5) < 1e-15 && curve.points[28].atRisk == 1)
        // A planned arm without players has no curve values.
        #expect(report.returnCurves[1].points.allSatisfy { $0.returned == nil && $0.atRisk == 0 })
    }

    @Test("edge cases encode without NaN: no players, one player, all back, none back, one per arm")
    func noNaN() throws {
        let cases: [(String, [ExposureOutcome])] = [
            ("empty", []),
            ("one player", [F.outcome(arm: "control", daysAgo: 30, daysToNextWorkout: 1, workouts28: 2)]),
            (
                "all returned",
                (0..<20).map {
                    F.outcome(
                        arm: $0 % 2 == 0 ? "control" : "personal", daysAgo: 30,
                        daysToNextWorkout: 1, workouts28: 3, followUp: 5, reached: true)
                }
            ),
            ("none returned", (0..<20).map { F.outcome(arm: $0 % 2 == 0 ? "control" : "personal", daysAgo: 30) }),
            ("one per arm", [F.outcome(arm: "control", daysAgo: 30), F.outcome(arm: "personal", daysAgo: 30, daysToNextWorkout: 3)]),
            ("all censored", [F.outcome(arm: "control", daysAgo: 1), F.outcome(arm: "personal", daysAgo: 2)]),
            ("no control", [F.outcome(arm: "personal", daysAgo: 30, daysToNextWorkout: 3)]),
        ]
        for (name, outcomes) in cases {
            let report = try Self.report(outcomes)
            let text = try F.json(report)
            #expect(!text.contains("NaN") && !text.contains("inf"), "\(name)")
            #expect(!report.verdict.isEmpty, "\(name)")
        }
        let allReturned = try Self.report(cases[2].1)
        let personal = try #require(allReturned.arms[2].vsControl)
        #expect(personal.returnedWithin7Days?.difference == 0 && personal.returnedWithin7Days?.excludesZero == false)
        #expect(
            personal.workoutsWithin28Days
                == RetentionReport.Difference(
                    difference: 0, interval: ConfidenceInterval(low: 0, high: 0)))
    }

    @Test("verdicts without data or without control say so plainly")
    func plainVerdicts() throws {
        #expect(
            try Self.report([]).verdict
                == ["No players have been exposed in this experiment yet; there is nothing to compare."])
        let noControl = try Self.report([F.outcome(arm: "personal", daysAgo: 30, daysToNextWorkout: 3)])
        #expect(noControl.verdict[0] == "No players are in the control arm “control”, so no arm can be compared with control.")
        let open = try Self.report([F.outcome(arm: "control", daysAgo: 2), F.outcome(arm: "personal", daysAgo: 30)])
        #expect(open.verdict[0] == "No control player has a complete 7-day window yet, so no arm can be compared with control.")
        #expect(open.power.baselineObserved == false && open.power.baseline == 0.5)
        #expect(
            open.verdict.last == "No player in the “control” arm has a complete 7-day window yet, and 1,565 per arm "
                + "are needed to detect a 5-point difference (80% power); keep the experiment running.")
        let someArms = try Self.report([
            F.outcome(arm: "control", daysAgo: 30), F.outcome(arm: "personal", daysAgo: 3), F.outcome(arm: "tone", daysAgo: 3),
        ])
        #expect(someArms.verdict.contains("No players shown cohort targets yet."))
        #expect(someArms.verdict.contains("No one among the players shown personal targets has a complete 7-day window yet."))
        #expect(someArms.verdict.contains("No one among the players in the “tone” arm has a complete 7-day window yet."))
    }

    @Test("power: from control's observed rate, against the smallest arm")
    func power() throws {
        let outcomes =
            (0..<20).map { F.outcome(arm: "control", daysAgo: 30, daysToNextWorkout: $0 < 8 ? 1 : nil) }
            + (0..<15).map { F.outcome(arm: "personal", daysAgo: 30, daysToNextWorkout: $0 < 9 ? 1 : nil) }
            + [F.outcome(arm: "personal", daysAgo: 2)]
        let settings = RetentionReportSettings(asOf: F.asOf, plannedArms: ["control", "personal"])
        let report = try Self.report(outcomes, settings: settings)
        #expect(report.power.baseline == 0.4 && report.power.baselineObserved)
        #expect(report.power.requiredPerArm == 1534)
        #expect(report.power.smallestArm == "personal" && report.power.smallestArmIncluded == 15)
        #expect(!report.power.reached)
        #expect(
            report.verdict.last == "Only 15 of the 1,534 players per arm needed to detect a 5-point difference "
                + "(80% power) have a complete 7-day window in the smallest arm (“personal”); keep the experiment running.")
        var generous = settings
        // 0.4 against 1 (0.4 + 0.6): n = (1.96·√(2·0.7·0.3) + 0.8416·√0.24)² / 0.36 = 7.86 → 8.
        generous.minimumDetectableEffect = 0.6
        let reached = try Self.report(outcomes, settings: generous)
        #expect(reached.power.reached && reached.power.requiredPerArm == 8)
        #expect(!reached.verdict.contains { $0.contains("keep the experiment running") })
    }

    @Test("settings out of range are refused, naming the setting")
    func invalidSettings() {
        var settings = Self.settings
        settings.confidence = 1
        #expect(throws: RetentionReportError(problem: "confidence: must be between 0 and 1, got 1.0")) {
            try Self.report([], settings: settings)
        }
        settings = Self.settings
        settings.hitWorkouts = 0
        #expect(throws: RetentionReportError.self) { try Self.report([], settings: settings) }
        settings = Self.settings
        settings.minimumDetectableEffect = 0
        #expect(throws: RetentionReportError.self) { try Self.report([], settings: settings) }
        settings = Self.settings
        settings.power = .nan
        #expect(throws: RetentionReportError.self) { try Self.report([], settings: settings) }
    }

    @Test("settings from a configured experiment")
    func fromExperiment() {
        let experiment = Experiment(
            name: "targets", start: F.asOf,
            arms: [ExperimentArm(name: "control", share: 0.5, policy: nil), ExperimentArm(name: "blended", share: 0.5, policy: .blended)],
            minimumDetectableEffect: 0.03)
        let settings = RetentionReportSettings(experiment: experiment, asOf: F.asOf)
        #expect(settings.plannedArms == ["control", "blended"])
        #expect(settings.minimumDetectableEffect == 0.03 && settings.controlArm == "control" && settings.hitWorkouts == 5)
    }
}
