import Foundation
import TestSupport
import Testing

@testable import MotivationEngine

/// Experiment arms: stable, balanced, independent between experiments; the configuration file.
@Suite("Experiments: assignment and configuration")
struct ExperimentTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)
    static let experiment = Experiment(
        name: "targets-1", start: start,
        arms: [
            ExperimentArm(name: "control", share: 0.25, policy: nil),
            ExperimentArm(name: "cohort", share: 0.25, policy: .cohort),
            ExperimentArm(name: "personal", share: 0.25, policy: .personal),
            ExperimentArm(name: "blended", share: 0.25, policy: .blended),
        ])

    @Test("the same player gets the same arm every time; the shares hold within 1.5 points over 40,000 ids")
    func balanced() {
        var counts: [String: Int] = [:]
        for id in 1...40_000 {
            let arm = Self.experiment.arm(for: String(id))
            #expect(arm == Self.experiment.arm(for: String(id)))
            counts[arm.name, default: 0] += 1
        }
        for arm in Self.experiment.arms {
            #expect(abs(Double(counts[arm.name] ?? 0) / 40_000 - 0.25) < 0.015, "\(arm.name): \(counts[arm.name] ?? 0)")
        }
    }

    @Test("arms are fixed by the hash, not by the process: known assignments stay as they are")
    func fixedAssignments() {
        // Computed independently (FNV-1a 64 of "targets-1:<id>", SplitMix64's finaliser, top 53
        // bits) in Python; a change here would reshuffle every running experiment.
        let arms = (1...8).map { Self.experiment.arm(for: String($0)).name }
        #expect(arms == ["blended", "blended", "control", "control", "cohort", "cohort", "cohort", "blended"])
    }

    @Test("two experiments assign independently: about a quarter of players share the arm")
    func independent() {
        var other = Self.experiment
        other.name = "targets-2"
        let same = (1...20_000).filter { Self.experiment.arm(for: String($0)) == other.arm(for: String($0)) }.count
        #expect(abs(Double(same) / 20_000 - 0.25) < 0.02)
    }

    @Test("presentation: a requested policy wins; no id or no running experiment means cohort; control hides")
    func presentation() {
        let plan = ExperimentPlan(experiments: [Self.experiment])
        let during = Self.start.addingTimeInterval(3600)
        #expect(plan.presentation(for: "7", requested: .blended, at: during) == TargetPresentation(policy: .blended))
        #expect(plan.presentation(for: nil, requested: nil, at: during) == TargetPresentation(policy: .cohort))
        #expect(plan.presentation(for: "7", requested: nil, at: Self.start.addingTimeInterval(-1)) == TargetPresentation(policy: .cohort))
        let control = (1...100).map(String.init).first { Self.experiment.arm(for: $0).name == "control" }!
        let hidden = plan.presentation(for: control, requested: nil, at: during)
        #expect(hidden.policy == .cohort && !hidden.showTarget)
        #expect(hidden.assignment == ExperimentPlan.Assignment(experiment: "targets-1", arm: Self.experiment.arms[0]))
        let personal = (1...100).map(String.init).first { Self.experiment.arm(for: $0).name == "personal" }!
        #expect(plan.presentation(for: personal, requested: nil, at: during).policy == .personal)
    }

    @Test("the configuration file: dates or times, checked arm by arm")
    func configuration() throws {
        let good = """
            {"experiments": [{"name": "a", "start": "2026-12-01", "arms": [
              {"name": "control", "share": 0.5}, {"name": "personal", "share": 0.5, "policy": "personal"}]}]}
            """
        let plan = try ExperimentPlan.decode(Data(good.utf8), file: "x.json")
        #expect(plan.experiments[0].start == ExperimentPlan.parseDate("2026-12-01T00:00:00Z"))
        #expect(plan.experiments[0].minimumDetectableEffect == 0.05)
        #expect(plan.experiments[0].arms[0].policy == nil)

        func problem(_ json: String) -> String? {
            do {
                _ = try ExperimentPlan.decode(Data(json.utf8), file: "x.json")
                return nil
            } catch let error as ExperimentPlanError {
                return error.problem
            } catch {
                return "\(error)"
            }
        }
        let arms = #"[{"name": "control", "share": 0.5}, {"name": "cohort", "share": 0.4, "policy": "cohort"}]"#
        #expect(
            problem(#"{"experiments": [{"name": "a", "start": "2026-12-01", "arms": \#(arms)}]}"#)
                == "a.arms: the shares must add up to 1, they add up to 0.9")
        #expect(
            problem(#"{"experiments": [{"name": "a", "start": "soon", "arms": []}]}"#)?
                .hasPrefix("experiments[0].start: must be a date") == true)
        #expect(
            problem(#"{"experiments": [{"name": "a", "start": "2026-12-01", "arms": [{"name": "x", "share": 1, "policy": "hard"}]}]}"#)?
                .hasPrefix("experiments[0].arms[0].policy") == true)
        #expect(
            problem(#"{"experiments": [{"name": "a", "start": "2026-12-01", "arms": [{"name": "x", "share": -1}]}]}"#)
                == "a.arms.x.share: must be a positive number, got -1.0")
    }
}
