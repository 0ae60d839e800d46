import EngineServer
import MotivationEngine

/// The target ladder of a segment for one player: the score scale from its 1st to 99th
/// percentile, each cluster's target range as a band, the target scores as lines with their
/// percentiles, and the player's score and next target marked. The percentiles are the ones the
/// analysis used: among players of the player's age when the model has an age curve and the age
/// is known (`SegmentEngine.scale(forAge:)`), else among every player of the segment.
enum LadderChart {
    static func svg(engine: SegmentEngine, score: Double, age: Double?, nextTarget: Double) -> String {
        let model = engine.model
        let scale = engine.scale(forAge: age)
        let low = min(scale.score(atPercentile: 1), score)
        let high = max(scale.score(atPercentile: 99), score, nextTarget)
        let frame = ChartFrame(x: low...high, y: nil)
        var svg = ChartFrame.canvas()
        let top = ChartFrame.plot.top + 40, bottom = ChartFrame.plot.bottom
        let ranges = model.targetPolicy.ladder.ranges
        for (cluster, range) in ranges.enumerated() {
            let from = frame.x.position(scale.score(atPercentile: range.lower))
            let to = frame.x.position(scale.score(atPercentile: range.upper))
            let label = model.clusters[cluster].label
            svg.rect(
                x: from, y: top, width: to - from, height: bottom - top, className: "band band-\(cluster % 4)",
                title: "\(label): P\(Axis.label(range.lower))–P\(Axis.label(range.upper))")
            // Labels alternate between two rows so that narrow neighbouring bands do not overlap.
            svg.text(label, x: (from + to) / 2, y: top - 6 - Double(cluster % 2) * 14, className: "band-label")
        }
        let percentiles = Set(ranges.flatMap { [$0.lower, $0.upper] }).sorted()
        for (index, percentile) in percentiles.enumerated() {
            let px = frame.x.position(scale.score(atPercentile: percentile).rounded(.up))
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
            description: "Score \(Axis.label(score)); next target \(Axis.label(nextTarget)); percentiles "
                + population(model: model, age: age, scale: scale) + "; "
                + ranges.enumerated().map {
                    "\(model.clusters[$0.offset].label) P\(Axis.label($0.element.lower))–P\(Axis.label($0.element.upper))"
                }
                .joined(separator: ", "))
    }

    /// Whom the percentiles are among: `among players aged about 26`, with why the age read
    /// differs when it was outside the curve's ages; `among players of every age` without an
    /// age or an age curve.
    static func population(model: SegmentModel, age: Double?, scale: PercentileScale) -> String {
        guard let reading = scale.reading, let age else {
            if model.ageCurve == nil { return "among every player of the segment (the model has no age curve)" }
            return "among players of every age (no age given)"
        }
        let about = "among players aged about \(Axis.label(reading.age.rounded()))"
        guard abs(reading.age - age) > 1e-9, let range = model.ageCurve?.ageRange else { return about }
        return about + " (the age curve covers \(Axis.label(range.lowerBound.rounded()))–\(Axis.label(range.upperBound.rounded())) years; "
            + "\(Axis.label(age)) is read at its \(age < range.lowerBound ? "youngest" : "oldest"))"
    }
}
