import ExperimentReport
import Foundation
import MotivationEngine

/// The retention report as readable text: the verdict first, then per arm the estimates with
/// their intervals, the differences to control, the players whose windows are still open, the
/// sample, the return curve, and the arms per segment and cluster.
enum RetentionReportText {
    /// The days of the return curve that are shown.
    static let curveDays = [1, 3, 7, 14, 28]

    static func render(_ report: RetentionReport) -> String {
        let level = percent(report.confidence, digits: 0)
        var lines = [
            "Retention report: \(report.experiment), as of \(report.asOf.formatted(.iso8601))",
            "\(count(report.players)) exposed players; compared with the arm “\(report.controlArm)”; "
                + "target hit within \(report.hitWorkouts) workouts; \(level) confidence intervals",
            "",
            "Verdict",
        ]
        lines += report.verdict.map { "  - " + $0 }
        lines += section("Arms: estimates (\(level) CI)", armTable(report))
        lines += section(
            "Differences to control (rates in points, workouts per player; * the interval leaves out zero)",
            table(
                header: ["arm"] + metricNames,
                rows: report.arms.compactMap { arm in
                    arm.vsControl.map { [arm.arm] + metricValues($0, difference) }
                }))
        lines.append(
            "  The verdict rests on the 7-day return alone; the other columns are secondary and not adjusted for "
                + "multiple comparisons: about one interval in twenty leaves out zero by chance.")
        lines += section(
            "Players left out, their window still open",
            table(
                header: ["arm"] + metricNames,
                rows: report.arms.map { [$0.arm] + metricValues($0.metrics) { count($0.leftOut) } }))
        lines += section("Sample", [sample(report.power)])
        lines += section(
            "Back for a workout by day (Kaplan–Meier)",
            table(
                header: ["arm", "players"] + curveDays.map { "day \($0)" },
                rows: report.returnCurves.map { curve in
                    [curve.arm, count(curve.players)]
                        + curveDays.map { day in
                            curve.points.first { $0.day == day }?.returned.map { percent($0, digits: 1) } ?? "–"
                        }
                }))
        lines += section(
            "By segment and cluster (differences to the control players of the same segment and cluster)",
            table(
                header: ["segment", "cluster", "arm", "players", "back in 7 days", "vs control", "target hit", "vs control"],
                rows: report.groups.map { group in
                    [
                        group.segment.description, "\(group.cluster) \(group.clusterLabel)", group.arm, count(group.players),
                        estimate(group.metrics.returnedWithin7Days, rate: true),
                        group.vsControl?.returnedWithin7Days.map { difference($0, rate: true) } ?? "",
                        estimate(group.metrics.targetHit, rate: true),
                        group.vsControl?.targetHit.map { difference($0, rate: true) } ?? "",
                    ]
                }))
        return lines.joined(separator: "\n")
    }

    // MARK: - Tables

    /// The four metrics' column names, in the order of `metricValues`.
    private static let metricNames = ["back in 7 days", "back in 28 days", "target hit", "workouts in 28 days"]

    /// One cell per metric; `cell` is told whether the metric is a rate.
    private static func metricValues<Value>(
        _ metrics: RetentionReport.Metrics<Value>, _ cell: (Value, _ rate: Bool) -> String
    ) -> [String] {
        [
            cell(metrics.returnedWithin7Days, true), cell(metrics.returnedWithin28Days, true),
            cell(metrics.targetHit, true), cell(metrics.workoutsWithin28Days, false),
        ]
    }

    private static func metricValues<Value>(_ metrics: RetentionReport.Metrics<Value>, _ cell: (Value) -> String) -> [String] {
        metricValues(metrics) { value, _ in cell(value) }
    }

    private static func armTable(_ report: RetentionReport) -> [String] {
        table(
            header: ["arm", "players"] + metricNames,
            rows: report.arms.map { arm in [arm.arm, count(arm.players)] + metricValues(arm.metrics, estimate) })
    }

    /// `lines` under a title, after an empty line.
    private static func section(_ title: String, _ lines: [String]) -> [String] {
        ["", title] + lines
    }

    /// Left-aligned columns two spaces apart, the header first; a table without rows says so.
    private static func table(header: [String], rows: [[String]]) -> [String] {
        guard !rows.isEmpty else { return ["  (none)"] }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([header] + rows).map { row in
            "  " + zip(row, widths).map { ScoreText.padded($0, $1 + 2) }.joined().trimmingCharacters(in: .whitespaces)
        }
    }

    // MARK: - Numbers

    /// `41.2% (40.5–41.9)` for a rate, `3.12 (3.05–3.19)` for a mean; `–` without an estimate.
    private static func estimate(_ result: RetentionReport.MetricResult, rate: Bool) -> String {
        guard let value = result.estimate else { return "–" }
        let bound: (Double) -> String = rate ? { number($0 * 100, digits: 1) } : { number($0, digits: 2) }
        let text = rate ? percent(value, digits: 1) : bound(value)
        guard let low = result.ciLow, let high = result.ciHigh else { return text }
        return "\(text) (\(bound(low))–\(bound(high)))"
    }

    /// `+4.1 (+2.0 to +6.2) *` in points for a rate, in workouts for a mean; the star marks an
    /// interval that leaves out zero; `–` while a side has no decided player.
    private static func difference(_ difference: RetentionReport.Difference?, rate: Bool) -> String {
        guard let difference else { return "–" }
        let scale = rate ? 100.0 : 1.0
        let digits = rate ? 1 : 2
        let value = signed(difference.difference * scale, digits: digits)
        guard let low = difference.ciLow, let high = difference.ciHigh else { return value }
        return "\(value) (\(signed(low * scale, digits: digits)) to \(signed(high * scale, digits: digits)))"
            + (difference.excludesZero ? " *" : "")
    }

    private static func sample(_ power: RetentionReport.Power) -> String {
        let baseline =
            power.baselineObserved
            ? "control's observed 7-day return of \(percent(power.baseline, digits: 1))"
            : "an assumed 7-day return of 50% (control has no complete window yet)"
        return "  \(count(power.requiredPerArm)) players per arm with a complete 7-day window detect a difference of "
            + "\(number(power.minimumDetectableEffect * 100, digits: 1)) points with \(percent(power.power, digits: 0)) power, "
            + "from \(baseline); the smallest arm, “\(power.smallestArm)”, has \(count(power.smallestArmIncluded)): "
            + (power.reached ? "enough." : "not enough yet.")
    }

    private static func count(_ value: Int) -> String { NumberStyle.english.format(integer: value) }

    private static func number(_ value: Double, digits: Int) -> String {
        NumberStyle.english.format(value, fractionDigits: digits)
    }

    private static func percent(_ share: Double, digits: Int) -> String { number(share * 100, digits: digits) + "%" }

    /// A number with its sign (minus sign U+2212), no sign on zero.
    private static func signed(_ value: Double, digits: Int) -> String {
        let text = number(abs(value), digits: digits)
        guard text.contains(where: { $0 != "0" && $0 != "." }) else { return text }
        return (value > 0 ? "+" : "\u{2212}") + text
    }
}
