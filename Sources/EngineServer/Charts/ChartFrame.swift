/// The plot area of a chart and its axes: ticks, tick labels and axis titles with units.
struct ChartFrame {
    static let width = 640.0
    static let height = 300.0
    static let margin = (left: 72.0, right: 40.0, top: 16.0, bottom: 48.0)

    let x: Axis
    let y: Axis?

    /// A frame for data in `xRange` (and `yRange`, for two-axis charts).
    init(x xRange: ClosedRange<Double>, y yRange: ClosedRange<Double>?, xTicks: Int = 6, yTicks: Int = 5) {
        let m = Self.margin
        x = Axis(covering: xRange.lowerBound, xRange.upperBound, from: m.left, to: Self.width - m.right, ticks: xTicks)
        y = yRange.map { Axis(covering: $0.lowerBound, $0.upperBound, from: Self.height - m.bottom, to: m.top, ticks: yTicks) }
    }

    /// Draws the axes with their titles.
    func draw(on svg: inout SVG, xTitle: String, yTitle: String?) {
        let m = Self.margin
        let bottom = Self.height - m.bottom
        svg.line(x1: m.left, y1: bottom, x2: Self.width - m.right, y2: bottom, className: "axis")
        for tick in x.ticks {
            let px = x.position(tick)
            svg.line(x1: px, y1: bottom, x2: px, y2: bottom + 5, className: "axis")
            svg.text(Axis.label(tick), x: px, y: bottom + 18, className: "tick")
        }
        svg.text(xTitle, x: (m.left + Self.width - m.right) / 2, y: Self.height - 8, className: "axis-title")
        guard let y, let yTitle else { return }
        svg.line(x1: m.left, y1: m.top, x2: m.left, y2: bottom, className: "axis")
        for tick in y.ticks {
            let py = y.position(tick)
            svg.line(x1: m.left - 5, y1: py, x2: Self.width - m.right, y2: py, className: "grid")
            svg.text(Axis.label(tick), x: m.left - 8, y: py + 4, anchor: "end", className: "tick")
        }
        svg.text(yTitle, x: 16, y: (m.top + bottom) / 2, className: "axis-title", rotate: true)
    }
}
