import Foundation
import MotivationEngine
import TestSupport
import Testing

@testable import ExperimentReport

@Suite("Simulated experiments")
struct SimulatedExperimentTests {
    typealias F = ReportFixtures

    @Test("a real effect (7-day return 0.40 → 0.50) is found and claimed")
    func effect() throws {
        var random = SplitMix64(seed: 2026)
        // Each player's own chance is Beta(4, 6) (mean 0.4) in control and Beta(5, 5) (mean 0.5)
        // for personal targets; exposures over the last 60 days, so some windows are still open.
        let outcomes =
            F.simulatedArm("control", players: 2_300, shape: (4, 6), exposedDaysAgo: 0...60, random: &random)
            + F.simulatedArm("personal", players: 2_300, shape: (5, 5), exposedDaysAgo: 0...60, random: &random)
        let settings = RetentionReportSettings(asOf: F.asOf, plannedArms: ["control", "personal"])
        let report = try RetentionReport(outcomes: outcomes, settings: settings, experiment: "effect")
        let control = report.arms[0].metrics.returnedWithin7Days
        #expect(control.included > 1_900 && control.leftOut > 100)
        #expect(abs(try #require(control.estimate) - 0.4) < 0.04)
        let difference = try #require(report.arms[1].vsControl?.returnedWithin7Days)
        #expect(difference.difference > 0.05 && difference.difference < 0.15)
        #expect(difference.excludesZero)
        #expect(try #require(difference.ciLow) > 0)
        #expect(report.power.reached)
        #expect(report.verdict.count == 1)
        #expect(report.verdict[0].hasPrefix("Players shown personal targets returned within 7 days more often than control: +"))
        #expect(report.verdict[0].contains("(95% CI +"))
    }

    @Test("no effect: the verdict says there is no evidence")
    func noEffect() throws {
        var random = SplitMix64(seed: 7)
        let outcomes =
            F.simulatedArm("control", players: 2_000, shape: (4, 6), exposedDaysAgo: 8...60, random: &random)
            + F.simulatedArm("personal", players: 2_000, shape: (4, 6), exposedDaysAgo: 8...60, random: &random)
        let settings = RetentionReportSettings(asOf: F.asOf, plannedArms: ["control", "personal"])
        let report = try RetentionReport(outcomes: outcomes, settings: settings, experiment: "null")
        let difference = try #require(report.arms[1].vsControl?.returnedWithin7Days)
        #expect(!difference.excludesZero)
        #expect(report.verdict[0].hasPrefix("No evidence that personal targets change 7-day return: "))
        #expect(report.verdict[0].hasSuffix("; the interval includes no difference."))
        // 2,000 players per arm, all with a complete window, exceed the 1,534 needed: no warning.
        #expect(report.power.reached && report.verdict.count == 1)
    }

    @Test("200 null experiments with heterogeneous players: about 5 % of the intervals exclude zero")
    func nullCoverage() throws {
        var random = SplitMix64(seed: 42)
        let arms = ["control", "cohort", "personal", "blended"]
        let settings = RetentionReportSettings(asOf: F.asOf, plannedArms: arms)
        var comparisons = 0
        var excluding = 0
        for experiment in 0..<200 {
            // Every arm alike: each player's own chance of returning is Beta(2, 3) (mean 0.4).
            let outcomes = arms.flatMap {
                F.simulatedArm($0, players: 300, shape: (2, 3), exposedDaysAgo: 7...40, random: &random)
            }
            let report = try RetentionReport(outcomes: outcomes, settings: settings, experiment: "null-\(experiment)")
            for arm in report.arms.dropFirst() {
                let difference = try #require(arm.vsControl?.returnedWithin7Days)
                comparisons += 1
                if difference.excludesZero { excluding += 1 }
            }
        }
        let share = Double(excluding) / Double(comparisons)
        #expect(comparisons == 600)
        #expect(share >= 0.02 && share <= 0.09, "\(excluding) of \(comparisons)")
    }
}
