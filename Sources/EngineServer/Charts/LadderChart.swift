import MotivationEngine

/// The target ladder of a segment: the score scale from its 1st to 99th percentile, each
/// cluster's target range as a band, the target scores as lines with their percentiles, and the
/// player's score and next target marked.
enum LadderChart {
    static func svg(engine: SegmentEngine, score: Double, nextTarget: Double) -> String {
        let model = engine.model
        let low = min(model.percentiles.score(atPercentile: 1), score)
        let high = max(model.percentiles.score(atPercentile: 99), score, nextTarget)
        let frame = ChartFrame(x: low...high, y: nil)
        var svg = ChartFrame.canvas()
        let top = ChartFrame.plot.top + 40, bottom = ChartFrame.plot.bottom
        let ranges = model.targetPolicy.ladder.ranges
        for (cluster, range) in ranges.enumerated() {
            let from = frame.x.position(model.percentiles.score(atPercentile: range.lower))
            let to = frame.x.position(model.percentiles.score(atPercentile: range.upper))
            let label = model.clusters[cluster].label
            svg.rect(
                x: from, y: top, width: to - from, height: bottom - top, className: "band band-\(cluster % 4)",
                title: "\(label): P\(Axis.label(range.lower))–P\(Axis.label(range.upper))")
            // Labels alternate between two rows so that narrow neighbouring bands do not overlap.
            svg.text(label, x: (from + to) / 2, y: top - 6 - Double(cluster % 2) * 14, className: "band-label")
        }
        let percentiles = Set(ranges.flatMap { [$0.lower, $0.upper] }).sorted()
        for (index, percentile) in percentiles.enumerated() {
            let px = frame.x.position(model.percentiles.score(atPercentile: percentile).rounded(.up))
            svg.line(x1: px, y1: top, x2: px, y2: bottom, className: "target")
            svg.text("P\(Axis.label(percentile))", x: px, y: bottom - 6 - Double(index % 2) * 14, className: "tick")
        }
        let player = frame.x.position(score), target = frame.x.position(nextTarget)
        svg.line(x1: target, y1: top, x2: target, y2: bottom, className: "next-target")
        svg.circle(x: player, y: (top + bottom) / 2, radius: 7, className: "player", title: "your score: \(Axis.label(score))")
        svg.text("you", x: player, y: (top + bottom) / 2 - 12, className: "player-label")
        frame.draw(on: &svg, xTitle: "score (points)", yTitle: nil)
        return svg.document(
            title: "Target ladder of \(model.segment)",
            description: "Score \(Axis.label(score)); next target \(Axis.label(nextTarget)); "
                + ranges.enumerated().map { "\(model.clusters[$0.offset].label) P\(Axis.label($0.element.lower))–P\(Axis.label($0.element.upper))" }
                .joined(separator: ", "))
    }
}
