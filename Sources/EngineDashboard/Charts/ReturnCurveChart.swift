import EngineServer
import ExperimentReport
import MotivationEngine

/// An experiment's return curves (Kaplan–Meier): per arm, the estimated share of its players
/// back for a workout by each day after their first exposure, drawn as steps, with the 7- and
/// 28-day windows marked and a legend of the arms.
enum ReturnCurveChart {
    /// The days marked across the chart: the report's return windows.
    static let windows = [7, 28]

    /// - Returns: the SVG, or "" when no arm has a player to draw.
    static func svg(_ curves: [RetentionReport.ReturnCurve]) -> String {
        let lines = curves.map { curve in
            curve.points.compactMap { point in point.returned.map { (day: point.day, returned: $0) } }
        }
        guard lines.contains(where: { !$0.isEmpty }) else { return "" }
        let lastDay = curves.flatMap(\.points).map(\.day).max() ?? 0
        let frame = ChartFrame(x: 0...Double(lastDay), y: 0...100)
        let y = frame.y!
        let legend = Legend(curves.map { "\($0.arm) (\(DashboardFormatting.count($0.players, "player")))" })
        var svg = ChartFrame.canvas(extraHeight: Legend.rowHeight * Double(legend.rows))
        frame.draw(on: &svg, xTitle: "days since the first target shown", yTitle: "players back (%)")
        for day in windows where day <= lastDay {
            let x = frame.x.position(Double(day))
            svg.line(x1: x, y1: y.position(100), x2: x, y2: y.position(0), className: "target")
            svg.text("\(day) days", x: x + 4, y: y.position(100) + 12, anchor: "start")
        }
        for (index, (curve, line)) in zip(curves, lines).enumerated() where !line.isEmpty {
            var steps = [(frame.x.position(Double(line[0].day)), y.position(line[0].returned * 100))]
            for (previous, point) in zip(line, line.dropFirst()) {
                let x = frame.x.position(Double(point.day))
                steps += [(x, y.position(previous.returned * 100)), (x, y.position(point.returned * 100))]
            }
            svg.polyline(steps, className: "curve cluster-line-\(index % 4)")
            for point in line where windows.contains(point.day) {
                svg.circle(
                    x: frame.x.position(Double(point.day)), y: y.position(point.returned * 100), radius: 3.5,
                    className: "cluster-\(index % 4)",
                    title: "\(curve.arm): \(DashboardFormatting.percent(point.returned)) back by day \(point.day)")
            }
        }
        for (index, item) in legend.items.enumerated() {
            svg.rect(x: item.x, y: item.y, width: 10, height: 10, className: "cluster-\(index % 4)")
            svg.text(item.label, x: item.x + 14, y: item.y + 9, anchor: "start")
        }
        return svg.document(
            title: "Players back for a workout by days since their first target, per arm",
            description: zip(legend.items, lines).map { item, line in
                let shares = line.filter { windows.contains($0.day) }
                    .map { "\(DashboardFormatting.percent($0.returned)) by day \($0.day)" }
                return "\(item.label): " + (shares.isEmpty ? "not followed for 7 days yet" : shares.joined(separator: ", "))
            }.joined(separator: "; "))
    }

    /// The arms' names below the plot, left to right, wrapping onto further rows.
    private struct Legend {
        static let rowHeight = 24.0

        var items: [(label: String, x: Double, y: Double)] = []
        var rows = 1

        init(_ labels: [String]) {
            let left = ChartFrame.plot.left, right = ChartFrame.plot.right
            var x = left
            for label in labels {
                let width = 24 + Double(label.count) * 6.5
                if x > left && x + width > right {
                    x = left
                    rows += 1
                }
                items.append((label, x, ChartFrame.height + 8 + Self.rowHeight * Double(rows - 1)))
                x += width
            }
        }
    }
}
