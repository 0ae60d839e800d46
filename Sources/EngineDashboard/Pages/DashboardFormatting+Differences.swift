import EngineServer
import MotivationEngine

/// Differences and levels as the experiment pages show them.
extension DashboardFormatting {
    /// `+4.1`, `−2.0` (minus sign U+2212) or `0.0`: a difference with its sign.
    static func signed(_ value: Double, fractionDigits: Int) -> String {
        let text = style.format(abs(value), fractionDigits: fractionDigits)
        guard text.contains(where: { $0 != "0" && $0 != "." }) else { return text }
        return (value > 0 ? "+" : "\u{2212}") + text
    }

    /// `+4.1 points`: a difference of two shares in percentage points.
    static func percentagePoints(_ difference: Double) -> String {
        signed(difference * 100, fractionDigits: 1) + " points"
    }

    /// `95 %`, `97.5 %`: a confidence level or power.
    static func level(_ fraction: Double) -> String {
        Axis.label(fraction * 100) + " %"
    }
}
