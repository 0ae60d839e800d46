import Foundation
import MotivationEngine
import Statistics

/// Accumulates exposure outcomes into per-arm and per-group tallies in one pass (no per-row
/// allocation beyond the return times kept for the Kaplan–Meier curves), then assembles the
/// report.
struct RetentionReportBuilder {
    /// A segment, cluster and arm (by index).
    private struct GroupKey: Hashable {
        var segment: SegmentKey
        var cluster: Int
        var arm: Int
    }

    private let settings: RetentionReportSettings
    /// Control first (index 0), then the planned arms, then arms met in the data.
    private var armNames: [String] = []
    private var armIndices: [String: Int] = [:]
    private var armTallies: [RetentionTally] = []
    private var returnTimes: [[KaplanMeier.Observation]] = []
    /// How many arms are known before any data (control and the planned arms).
    private var plannedArmCount = 0
    private var groupIndices: [GroupKey: Int] = [:]
    private var groupKeys: [GroupKey] = []
    private var groupLabels: [String] = []
    private var groupTallies: [RetentionTally] = []

    init(settings: RetentionReportSettings) {
        self.settings = settings
        _ = arm(named: settings.controlArm)
        for name in settings.plannedArms { _ = arm(named: name) }
        plannedArmCount = armNames.count
    }

    /// Counts one exposed player.
    mutating func add(_ outcome: ExposureOutcome) {
        let decided = DecidedOutcome(outcome, asOf: settings.asOf, hitWorkouts: settings.hitWorkouts)
        let arm = arm(named: outcome.arm)
        armTallies[arm].add(decided)
        returnTimes[arm].append(decided.nextWorkout)

        let key = GroupKey(segment: outcome.segment, cluster: outcome.cluster, arm: arm)
        let group: Int
        if let known = groupIndices[key] {
            group = known
        } else {
            group = groupKeys.count
            groupIndices[key] = group
            groupKeys.append(key)
            groupLabels.append("")
            groupTallies.append(RetentionTally())
        }
        groupTallies[group].add(decided)
        if groupLabels[group].isEmpty { groupLabels[group] = outcome.clusterLabel }
    }

    /// The report of everything added.
    func report(experiment: String) -> RetentionReport {
        let order =
            Array(0..<plannedArmCount)
            + (plannedArmCount..<armNames.count).sorted { armNames[$0] < armNames[$1] }
        let arms = order.map(armResults)
        let power = power(order: order)
        return RetentionReport(
            experiment: experiment, asOf: settings.asOf, confidence: settings.confidence,
            hitWorkouts: settings.hitWorkouts, controlArm: settings.controlArm,
            players: armTallies.reduce(0) { $0 + $1.players }, arms: arms, groups: groups(order: order),
            returnCurves: order.map { RetentionReport.ReturnCurve(arm: armNames[$0], observations: returnTimes[$0]) },
            power: power,
            verdict: RetentionVerdict.sentences(arms: arms, power: power, settings: settings))
    }

    // MARK: - Parts

    /// The index of the arm named `name`, added when new.
    private mutating func arm(named name: String) -> Int {
        if let index = armIndices[name] { return index }
        let index = armNames.count
        armIndices[name] = index
        armNames.append(name)
        armTallies.append(RetentionTally())
        returnTimes.append([])
        return index
    }

    private func armResults(_ arm: Int) -> RetentionReport.ArmResults {
        let control = armTallies[0]
        return RetentionReport.ArmResults(
            arm: armNames[arm], players: armTallies[arm].players,
            metrics: armTallies[arm].results(confidence: settings.confidence),
            vsControl: arm == 0 || control.players == 0
                ? nil : armTallies[arm].differences(from: control, confidence: settings.confidence))
    }

    /// The groups by segment, cluster and arm (in the arms' order).
    private func groups(order: [Int]) -> [RetentionReport.GroupResults] {
        var rank = [Int](repeating: 0, count: armNames.count)
        for (position, arm) in order.enumerated() { rank[arm] = position }
        let sorted = groupKeys.indices.sorted { left, right in
            let a = groupKeys[left]
            let b = groupKeys[right]
            if a.segment.gameMode != b.segment.gameMode { return a.segment.gameMode < b.segment.gameMode }
            if a.segment.difficulty != b.segment.difficulty { return a.segment.difficulty < b.segment.difficulty }
            if a.segment.durationMinutes != b.segment.durationMinutes {
                return a.segment.durationMinutes < b.segment.durationMinutes
            }
            if a.cluster != b.cluster { return a.cluster < b.cluster }
            return rank[a.arm] < rank[b.arm]
        }
        return sorted.map { group in
            let key = groupKeys[group]
            let tally = groupTallies[group]
            let control =
                key.arm == 0
                ? nil : groupIndices[GroupKey(segment: key.segment, cluster: key.cluster, arm: 0)].map { groupTallies[$0] }
            return RetentionReport.GroupResults(
                segment: key.segment, cluster: key.cluster, clusterLabel: groupLabels[group], arm: armNames[key.arm],
                players: tally.players, metrics: tally.results(confidence: settings.confidence),
                vsControl: control.map { tally.differences(from: $0, confidence: settings.confidence) })
        }
    }

    /// The sample size check on the 7-day return, from control's observed rate (½ without one).
    private func power(order: [Int]) -> RetentionReport.Power {
        let observed = armTallies[0].returnedWithin7Days.proportion.estimate
        let baseline = observed ?? 0.5
        let required = SampleSize.perArm(
            baseline: baseline, difference: settings.minimumDetectableEffect,
            confidence: settings.confidence, power: settings.power)
        // The first arm in order with the fewest; `order` always holds control.
        let smallest =
            order.min {
                armTallies[$0].returnedWithin7Days.proportion.trials
                    < armTallies[$1].returnedWithin7Days.proportion.trials
            } ?? 0
        let included = armTallies[smallest].returnedWithin7Days.proportion.trials
        return RetentionReport.Power(
            minimumDetectableEffect: settings.minimumDetectableEffect, power: settings.power,
            baseline: baseline, baselineObserved: observed != nil, requiredPerArm: required,
            smallestArm: armNames[smallest], smallestArmIncluded: included, reached: included >= required)
    }
}
