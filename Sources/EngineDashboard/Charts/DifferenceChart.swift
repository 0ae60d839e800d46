import EngineServer
import ExperimentReport
import MotivationEngine

/// Each arm's difference to control in the 7-day return rate, in percentage points, with its
/// confidence interval as a horizontal bar around a dot (a forest plot); no difference (0) and
/// the planned minimum detectable effect (±) are drawn across. A bar that leaves out zero is
/// highlighted: the data support a difference.
enum DifferenceChart {
    /// - Returns: the SVG, or "" when no arm has an interval yet.
    static func svg(_ report: RetentionReport) -> String {
        let rows = report.arms.compactMap { arm -> Row? in
            guard let difference = arm.vsControl?.returnedWithin7Days, let low = difference.ciLow, let high = difference.ciHigh
            else { return nil }
            return Row(arm: arm.arm, difference: difference.difference, low: low, high: high, excludesZero: difference.excludesZero)
        }
        guard !rows.isEmpty else { return "" }
        let effect = report.power.minimumDetectableEffect * 100
        let values = rows.flatMap { [$0.low * 100, $0.high * 100] } + [-effect, effect]
        let frame = ChartFrame(x: values.min()!...values.max()!, y: nil)
        var svg = ChartFrame.canvas()
        let top = ChartFrame.plot.top, bottom = ChartFrame.plot.bottom
        for (value, label) in [(-effect, "−"), (effect, "+")] {
            let x = frame.x.position(value)
            svg.line(x1: x, y1: top, x2: x, y2: bottom, className: "target")
            svg.text("planned \(label)\(Axis.label(effect))", x: x, y: top + 10, className: "tick")
        }
        let zero = frame.x.position(0)
        svg.line(x1: zero, y1: top, x2: zero, y2: bottom, className: "axis")
        let level = DashboardFormatting.level(report.confidence)
        let step = (bottom - top - 16) / Double(rows.count)
        for (index, row) in rows.enumerated() {
            let y = top + 16 + step * (Double(index) + 0.5)
            svg.text(row.arm, x: ChartFrame.plot.left + 4, y: y - 10, anchor: "start")
            svg.line(
                x1: frame.x.position(row.low * 100), y1: y, x2: frame.x.position(row.high * 100), y2: y,
                className: row.excludesZero ? "interval effect" : "interval")
            svg.circle(
                x: frame.x.position(row.difference * 100), y: y, radius: 5, className: row.excludesZero ? "point effect" : "point",
                title: "\(row.arm): \(row.text(level: level))")
        }
        frame.draw(on: &svg, xTitle: "difference to control in the 7-day return (percentage points)", yTitle: nil)
        return svg.document(
            title: "Difference to control in the 7-day return, per arm, with \(level) confidence intervals",
            description: rows.map { "\($0.arm): \($0.text(level: level))" }.joined(separator: "; ")
                + "; the planned minimum detectable effect is \(Axis.label(effect)) points")
    }

    /// One arm's bar (shares, not points).
    private struct Row {
        let arm: String
        let difference: Double
        let low: Double
        let high: Double
        let excludesZero: Bool

        /// `+4.1 points (95 % CI −0.3 to +8.5), no evidence of a difference`.
        func text(level: String) -> String {
            "\(DashboardFormatting.percentagePoints(difference)) (\(level) CI "
                + "\(DashboardFormatting.signed(low * 100, fractionDigits: 1)) to \(DashboardFormatting.signed(high * 100, fractionDigits: 1)))"
                + (excludesZero ? ", a difference" : ", no evidence of a difference")
        }
    }
}
