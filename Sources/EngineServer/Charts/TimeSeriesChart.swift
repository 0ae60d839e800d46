/// A value per minute over the last hour, as a line (minutes ago on the x axis).
enum TimeSeriesChart {
    static func svg(_ values: [Double], title: String, yTitle: String) -> String {
        let count = values.count
        let points = values.enumerated().map { (Double($0.offset - count + 1), $0.element) }
        let frame = ChartFrame(x: Double(1 - count)...0, y: 0...max(1, values.max() ?? 1))
        var svg = SVG(width: ChartFrame.width, height: ChartFrame.height)
        frame.draw(on: &svg, xTitle: "minutes ago", yTitle: yTitle)
        svg.polyline(points.map { (frame.x.position($0.0), frame.y!.position($0.1)) }, className: "series")
        let latest = values.last.map { Axis.label(($0 * 100).rounded() / 100) } ?? "0"
        return svg.document(title: title, description: "\(count) minutes; the last minute: \(latest); the highest: \(Axis.label(values.max() ?? 0))")
    }
}
