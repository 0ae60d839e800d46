import EngineServer

/// The plot area of a chart and its axes: ticks, tick labels and axis titles with units.
struct ChartFrame {
    static let width = 640.0
    static let height = 300.0
    private static let margin = (left: 72.0, right: 40.0, top: 16.0, bottom: 48.0)
    /// The plot area's edges in pixels.
    static let plot = (left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom)

    let x: Axis
    let y: Axis?

    /// A frame for data in `xRange` (and `yRange`, for two-axis charts).
    init(x xRange: ClosedRange<Double>, y yRange: ClosedRange<Double>?, xTicks: Int = 6) {
        let p = Self.plot
        x = Axis(covering: xRange.lowerBound, xRange.upperBound, from: p.left, to: p.right, ticks: xTicks)
        y = yRange.map { Axis(covering: $0.lowerBound, $0.upperBound, from: p.bottom, to: p.top, ticks: 5) }
    }

    /// An empty image of a chart's size, `extraHeight` taller for a legend below the plot.
    static func canvas(extraHeight: Double = 0) -> SVG {
        SVG(width: width, height: height + extraHeight)
    }

    /// Draws the axes with their titles.
    func draw(on svg: inout SVG, xTitle: String, yTitle: String?) {
        let p = Self.plot, bottom = p.bottom
        svg.line(x1: p.left, y1: bottom, x2: p.right, y2: bottom, className: "axis")
        for tick in x.ticks {
            let px = x.position(tick)
            svg.line(x1: px, y1: bottom, x2: px, y2: bottom + 5, className: "axis")
            svg.text(Axis.label(tick), x: px, y: bottom + 18, className: "tick")
        }
        svg.text(xTitle, x: (p.left + p.right) / 2, y: Self.height - 8, className: "axis-title")
        guard let y, let yTitle else { return }
        svg.line(x1: p.left, y1: p.top, x2: p.left, y2: bottom, className: "axis")
        for tick in y.ticks {
            let py = y.position(tick)
            svg.line(x1: p.left - 5, y1: py, x2: p.right, y2: py, className: "grid")
            svg.text(Axis.label(tick), x: p.left - 8, y: py + 4, anchor: "end", className: "tick")
        }
        svg.text(yTitle, x: 16, y: (p.top + bottom) / 2, className: "axis-title", rotate: true)
    }
}
