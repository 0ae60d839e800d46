import EngineServer
import MotivationEngine

/// The charts of a model's page.
enum ModelCharts {
    /// BIC against the number of clusters tried, the chosen one marked; empty when only one
    /// number was tried.
    static func bicCurve(_ model: SegmentModel) -> String {
        let points = model.bicCurve.map { (Double($0.components), $0.bic) }
        guard points.count >= 2 else { return "" }
        let xs = points.map(\.0), ys = points.map(\.1)
        let frame = ChartFrame(x: xs.min()!...xs.max()!, y: ys.min()!...ys.max()!, xTicks: max(1, points.count - 1))
        var svg = ChartFrame.canvas()
        frame.draw(on: &svg, xTitle: "clusters (k)", yTitle: "BIC (lower is better)")
        svg.polyline(points.map { (frame.x.position($0.0), frame.y!.position($0.1)) }, className: "series")
        for (k, bic) in points {
            let chosen = Int(k) == model.mixture.components
            svg.circle(
                x: frame.x.position(k), y: frame.y!.position(bic), radius: chosen ? 6 : 3.5,
                className: chosen ? "point chosen" : "point", title: "k = \(Int(k)): BIC \(Axis.label(bic.rounded()))")
        }
        return svg.document(
            title: "BIC by number of clusters, \(model.segment)",
            description: points.map { "k \(Int($0.0)): \(Axis.label($0.1.rounded()))" }.joined(separator: "; "))
    }

    /// The per-player score distribution as its cumulative curve (percentile against score), with
    /// the ladder's percentiles drawn across: the segment's percentiles over players of every age
    /// (`model.percentiles`). A player's own percentiles are among players of their age when the
    /// model has an age curve (`SegmentEngine.scale(forAge:)`); the page's caption says so.
    static func scoreDistribution(_ model: SegmentModel) -> String {
        let percentiles = Array(stride(from: 0.0, through: 100, by: 1))
        let scores = percentiles.map { model.percentiles.score(atPercentile: $0) }
        let frame = ChartFrame(x: scores.first!...scores.last!, y: 0...100)
        var svg = ChartFrame.canvas()
        frame.draw(on: &svg, xTitle: "score (points)", yTitle: "players below (%)")
        svg.polyline(zip(scores, percentiles).map { (frame.x.position($0), frame.y!.position($1)) }, className: "series")
        let marks = Set(model.targetPolicy.ladder.ranges.flatMap { [$0.lower, $0.upper] }).sorted()
        for percentile in marks {
            let py = frame.y!.position(percentile), px = frame.x.position(model.percentiles.score(atPercentile: percentile))
            svg.line(x1: ChartFrame.plot.left, y1: py, x2: px, y2: py, className: "target")
            svg.circle(
                x: px, y: py, radius: 3.5, className: "point",
                title: "P\(Axis.label(percentile)): \(Axis.label(model.percentiles.score(atPercentile: percentile).rounded()))")
        }
        return svg.document(
            title: "Score distribution of \(model.segment)",
            description: "Percentiles among players of every age: "
                + marks.map { "P\(Axis.label($0)) \(Axis.label(model.percentiles.score(atPercentile: $0).rounded()))" }
                .joined(separator: ", "))
    }
}
