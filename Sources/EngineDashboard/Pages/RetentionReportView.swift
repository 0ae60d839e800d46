import EngineServer
import ExperimentReport
import MotivationEngine

/// A retention report as the experiments page shows it: the verdict first (claims and "no
/// evidence" told apart, the sample warning on its own), the arms' table, the power line, the
/// return curves, the differences to control, and the table per segment, cluster and arm.
struct RetentionReportView {
    let experiment: String
    let asOf: String
    let players: String
    let confidence: String
    let hitWorkouts: Int
    let verdict: [Sentence]
    /// The verdict's request for more players, while the planned sample is not reached.
    let warning: String?
    let arms: RetentionTable
    let power: String
    let powerReached: Bool
    let returnCurves: String
    let hasReturnCurves: Bool
    let differences: String
    let hasDifferences: Bool
    let groups: RetentionTable
    let groupCount: String

    /// One sentence of the verdict.
    struct Sentence {
        let text: String
        /// The sentence claims a difference (its interval excludes zero).
        let claim: Bool
        /// The sentence compares an arm and finds no evidence of a difference.
        let noEvidence: Bool
    }

    init(_ report: RetentionReport) {
        experiment = report.experiment
        asOf = DashboardFormatting.date(report.asOf)
        players = DashboardFormatting.count(report.players, "player")
        confidence = DashboardFormatting.level(report.confidence)
        hitWorkouts = report.hitWorkouts
        (verdict, warning) = Self.sentences(report)
        let columns = RetentionTable.metricColumns(hitWorkouts: report.hitWorkouts)
        arms = RetentionTable(
            caption: "Per arm: estimates with \(confidence) confidence intervals, and the difference to control “\(report.controlArm)”",
            labelColumns: ["arm"], metricColumns: columns,
            rows: report.arms.map {
                RetentionTable.Row(labels: [$0.arm], players: $0.players, metrics: $0.metrics, differences: $0.vsControl)
            })
        power = Self.powerLine(report.power, confidence: report.confidence)
        powerReached = report.power.reached
        returnCurves = ReturnCurveChart.svg(report.returnCurves)
        hasReturnCurves = !returnCurves.isEmpty
        differences = DifferenceChart.svg(report)
        hasDifferences = !differences.isEmpty
        groups = RetentionTable(
            caption: "Per segment, cluster and arm, compared with the control players of the same segment and cluster",
            labelColumns: ["segment", "cluster", "arm"], metricColumns: columns,
            rows: report.groups.map { group in
                RetentionTable.Row(
                    labels: [
                        group.segment.description, group.clusterLabel.isEmpty ? "cluster \(group.cluster)" : group.clusterLabel, group.arm,
                    ],
                    players: group.players, metrics: group.metrics, differences: group.vsControl)
            })
        groupCount = DashboardFormatting.count(report.groups.count, "group")
    }

    /// The verdict's sentences, and its last one apart when it is the sample warning (which
    /// `RetentionReport.verdict` adds last while players were exposed and the planned sample is
    /// not reached). A sentence is a claim or finds no evidence as its arm's 7-day difference to
    /// control excludes zero or not, where that difference has an interval: then control has
    /// players to compare with, and the verdict compares every arm after control, in order.
    private static func sentences(_ report: RetentionReport) -> ([Sentence], String?) {
        var texts = report.verdict
        let warning = report.players > 0 && !report.power.reached ? texts.popLast() : nil
        let differs: [Bool?] = report.arms.dropFirst().map { arm in
            guard let difference = arm.vsControl?.returnedWithin7Days, difference.ciLow != nil, difference.ciHigh != nil else { return nil }
            return difference.excludesZero
        }
        let sentences = texts.enumerated().map { index, text in
            let differ = index < differs.count ? differs[index] : nil
            return Sentence(text: text, claim: differ == true, noEvidence: differ == false)
        }
        return (sentences, warning)
    }

    /// The sample the 7-day return needs against the sample it has.
    private static func powerLine(_ power: RetentionReport.Power, confidence: Double) -> String {
        let baseline =
            power.baselineObserved
            ? "control’s 7-day return of \(DashboardFormatting.percent(power.baseline))"
            : "a cautious 50 % (no control player has a complete 7-day window yet)"
        return "To detect a \(Axis.label(power.minimumDetectableEffect * 100))-point difference in the 7-day return from "
            + "\(baseline) with \(DashboardFormatting.level(power.power)) power at \(DashboardFormatting.level(confidence)) "
            + "confidence, each arm needs \(DashboardFormatting.count(power.requiredPerArm, "player")) with a complete 7-day "
            + "window; the smallest arm, “\(power.smallestArm)”, has \(DashboardFormatting.integer(power.smallestArmIncluded))."
    }
}
