import EngineServer

/// A player's last scores in a segment, oldest to latest, with the next target and the personal
/// best drawn across.
enum RecentScoresChart {
    static func svg(scores: [Double], nextTarget: Double, personalBest: Double) -> String {
        guard !scores.isEmpty else { return "" }
        let values = scores + [nextTarget, personalBest]
        let frame = ChartFrame(
            x: 1...Double(max(2, scores.count)), y: values.min()!...values.max()!, xTicks: min(9, max(1, scores.count - 1)))
        var svg = ChartFrame.canvas()
        frame.draw(on: &svg, xTitle: "workout (oldest to latest)", yTitle: "score (points)")
        let y = frame.y!
        let left = ChartFrame.plot.left, right = ChartFrame.plot.right
        svg.line(x1: left, y1: y.position(nextTarget), x2: right, y2: y.position(nextTarget), className: "next-target")
        svg.text("next target \(Axis.label(nextTarget))", x: right, y: y.position(nextTarget) - 6, anchor: "end", className: "label")
        svg.line(x1: left, y1: y.position(personalBest), x2: right, y2: y.position(personalBest), className: "target")
        svg.text(
            "personal best \(Axis.label(personalBest))", x: left + 4, y: y.position(personalBest) - 6, anchor: "start", className: "label")
        let points = scores.enumerated().map { (frame.x.position(Double($0.offset + 1)), y.position($0.element)) }
        svg.polyline(points, className: "series")
        for (index, point) in points.enumerated() {
            svg.circle(x: point.0, y: point.1, radius: 3.5, className: "point", title: "workout \(index + 1): \(Axis.label(scores[index]))")
        }
        return svg.document(
            title: "Your last \(scores.count) scores",
            description: scores.map { Axis.label($0) }.joined(separator: ", ")
                + "; next target \(Axis.label(nextTarget)); personal best \(Axis.label(personalBest))")
    }
}
