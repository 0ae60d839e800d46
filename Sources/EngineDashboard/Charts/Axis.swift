import EngineServer
import Foundation
import MotivationEngine

/// A linear axis from data values to pixels, with "nice" ticks (1, 2 or 5 × 10ⁿ) that cover
/// the data.
struct Axis {
    /// The data range shown, widened to whole ticks.
    let lower: Double
    let upper: Double
    /// The tick values, from `lower` to `upper`.
    let ticks: [Double]
    /// The pixel range (`start` is where `lower` goes; it may be larger than `end`, as for y).
    let start: Double
    let end: Double

    /// An axis covering `minimum...maximum` with about `count` ticks.
    init(covering minimum: Double, _ maximum: Double, from start: Double, to end: Double, ticks count: Int = 5) {
        var low = minimum, high = maximum
        if !(low.isFinite && high.isFinite) { (low, high) = (0, 1) }
        if high <= low { (low, high) = (low - 1, low + 1) }
        let step = Self.niceStep((high - low) / Double(max(1, count)))
        let lower = (low / step).rounded(.down) * step, upper = (high / step).rounded(.up) * step
        let steps = Int(((upper - lower) / step).rounded())
        ticks = (0...steps).map { lower + Double($0) * step }
        self.lower = lower
        self.upper = upper
        self.start = start
        self.end = end
    }

    /// The pixel position of `value`.
    func position(_ value: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let power = pow(10, (log10(raw)).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * power >= raw { return factor * power }
        return 10 * power
    }

    /// A tick's label: thousands grouped, at most two decimals, no trailing zeros
    /// (`150,000`, `6,339.5`, `0.25`), in the engine's English number style.
    static func label(_ value: Double) -> String {
        var text = NumberStyle.english.format(value, fractionDigits: 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
