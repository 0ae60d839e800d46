import EngineServer
import Foundation
import MotivationEngine

/// A segment's age curve: the training players' scores against age (a dot each), with the
/// curve's median as a line and its 25th–75th and 10th–90th centile bands shaded, from the
/// youngest to the oldest age the curve knows. Empty for a model without a curve (format 1).
enum AgeCurveChart {
    /// The shaded bands, outer first.
    static let bands: [(lower: Double, upper: Double, className: String)] = [(10, 90, "centile-outer"), (25, 75, "centile-inner")]

    static func svg(model: SegmentModel, players: [PlottedPlayer]) -> String {
        guard let curve = model.ageCurve else { return "" }
        let ages = curveAges(curve)
        let readings = ages.map(curve.reading(atAge:))
        let centile = { (p: Double) in readings.map { $0.score(atPercentile: p) } }
        let shaded = bands.map { (lower: centile($0.lower), upper: centile($0.upper), band: $0) }
        let median = readings.map(\.median)
        let drawn = players.filter { $0.score.isFinite && $0.age.isFinite }
        let xs = ages + drawn.map(\.age)
        let ys = shaded.flatMap { $0.lower + $0.upper } + median + drawn.map(\.score)
        let frame = ChartFrame(x: xs.min()!...xs.max()!, y: ys.min()!...ys.max()!)
        let x = frame.x, y = frame.y!
        var svg = ChartFrame.canvas(extraHeight: 24)
        frame.draw(on: &svg, xTitle: "age (years)", yTitle: "score (points)")
        for (lower, upper, band) in shaded {
            let outline =
                zip(ages, upper).map { (x.position($0), y.position($1)) }
                + zip(ages, lower).reversed().map { (x.position($0), y.position($1)) }
            svg.polygon(
                outline, className: band.className, title: "\(ordinal(band.lower))–\(ordinal(band.upper)) centile of players of each age")
        }
        for player in drawn {
            svg.circle(x: x.position(player.age), y: y.position(player.score), radius: 2, className: "dot plain")
        }
        svg.polyline(zip(ages, median).map { (x.position($0), y.position($1)) }, className: "median")

        // The legend, below the plot.
        var legendX = ChartFrame.plot.left
        let legendY = ChartFrame.height + 8
        for band in bands {
            svg.rect(x: legendX, y: legendY, width: 10, height: 10, className: band.className)
            let text = "\(ordinal(band.lower))–\(ordinal(band.upper)) centile"
            svg.text(text, x: legendX + 14, y: legendY + 9, anchor: "start", className: "label")
            legendX += 24 + Double(text.count) * 6.2
        }
        svg.line(x1: legendX, y1: legendY + 5, x2: legendX + 14, y2: legendY + 5, className: "median")
        svg.text("median", x: legendX + 18, y: legendY + 9, anchor: "start", className: "label")
        legendX += 70
        if !drawn.isEmpty {
            svg.circle(x: legendX + 5, y: legendY + 5, radius: 3, className: "dot plain")
            svg.text(dotName(model.training.aggregation), x: legendX + 14, y: legendY + 9, anchor: "start", className: "label")
        }
        return svg.document(
            title: "Score against age with the age curve, \(model.segment)",
            description: description(curve, players: drawn.count))
    }

    /// The ages the curve is drawn at: 61 across its range, or a year around its one age.
    static func curveAges(_ curve: AgeCurve) -> [Double] {
        let range = curve.ageRange
        guard range.upperBound > range.lowerBound else { return [range.lowerBound - 0.5, range.lowerBound + 0.5] }
        return (0...60).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / 60 }
    }

    /// The curve in words: who it was fitted on, and the median with its 10th–90th band at five
    /// ages across its range.
    static func description(_ curve: AgeCurve, players drawn: Int) -> String {
        let range = curve.ageRange
        let ages =
            range.upperBound > range.lowerBound
            ? (0...4).map { (range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / 4).rounded() }
            : [range.lowerBound.rounded()]
        let readings = ages.map { age in
            let reading = curve.reading(atAge: age)
            return "age \(Axis.label(age)): median \(points(reading.median)) (10th–90th centile "
                + "\(points(reading.score(atPercentile: 10)))–\(points(reading.score(atPercentile: 90))))"
        }
        return "Centile curves (LMS, L = \(Axis.label(curve.power))) fitted on \(curve.players) players aged "
            + "\(Axis.label(range.lowerBound.rounded())) to \(Axis.label(range.upperBound.rounded())); "
            + readings.joined(separator: "; ")
            + (drawn > 0 ? "; \(drawn) players drawn as dots." : "; players not drawn (no database).")
    }

    /// What a dot is, as the legend names it.
    static func dotName(_ aggregation: Aggregation) -> String {
        switch aggregation {
        case .median: "a player (median game)"
        case .best: "a player (best game)"
        case .latest: "a player (latest game)"
        case .all: "a workout"
        }
    }

    private static func points(_ value: Double) -> String { Axis.label(value.rounded()) }

    private static func ordinal(_ value: Double) -> String { DashboardFormatting.ordinal(value) }
}
