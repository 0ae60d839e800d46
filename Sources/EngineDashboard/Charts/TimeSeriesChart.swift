import EngineServer

/// A value per minute over the last hour, as a line (minutes ago on the x axis); minutes
/// without a value (`nil`) break the line, and an optional threshold is drawn across.
enum TimeSeriesChart {
    static func svg(_ values: [Double?], title: String, yTitle: String, threshold: Double? = nil) -> String {
        let count = values.count
        let known = values.compactMap { $0 }
        let frame = ChartFrame(x: Double(1 - count)...0, y: 0...max(threshold.map { $0 * 1.2 } ?? 1, known.max() ?? 1))
        var svg = ChartFrame.canvas()
        frame.draw(on: &svg, xTitle: "minutes ago", yTitle: yTitle)
        if let threshold {
            let y = frame.y!.position(threshold)
            svg.line(x1: ChartFrame.plot.left, y1: y, x2: ChartFrame.plot.right, y2: y, className: "next-target")
            svg.text("warning above \(Axis.label(threshold))", x: ChartFrame.plot.right, y: y - 6, anchor: "end")
        }
        var run: [(Double, Double)] = []
        for (offset, value) in values.enumerated() {
            if let value {
                run.append((frame.x.position(Double(offset - count + 1)), frame.y!.position(value)))
            } else if !run.isEmpty {
                svg.polyline(run, className: "series")
                run = []
            }
        }
        if !run.isEmpty { svg.polyline(run, className: "series") }
        let latest = values.last.flatMap { $0 }.map { Axis.label(($0 * 100).rounded() / 100) } ?? "none"
        return svg.document(
            title: title, description: "\(count) minutes; the last minute: \(latest); the highest: \(Axis.label(known.max() ?? 0))")
    }
}
