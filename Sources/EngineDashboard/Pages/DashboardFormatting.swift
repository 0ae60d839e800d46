import EngineServer
import Foundation
import MotivationEngine

/// Numbers and dates as the dashboard shows them (English number style, as the engine's
/// messages write numbers).
enum DashboardFormatting {
    /// The number style of every figure on the dashboard.
    static let style = NumberStyle.english

    /// `150,000` (rounded to whole points; BIC values may be negative).
    static func points(_ value: Double) -> String {
        style.format(value, fractionDigits: 0)
    }

    /// `1,234`: a count.
    static func integer(_ value: Int) -> String {
        style.format(integer: value)
    }

    /// `91.2 %`.
    static func percent(_ fraction: Double) -> String {
        style.format(fraction * 100, fractionDigits: 1) + " %"
    }

    /// `1 workout`, `12 workouts`.
    static func count(_ count: Int, _ noun: String) -> String {
        "\(integer(count)) \(noun)\(count == 1 ? "" : "s")"
    }

    /// `75th`.
    static func ordinal(_ percentile: Double) -> String {
        style.percentileOrdinal(percentile)
    }

    /// `2026-11-28 11:02 UTC`.
    static func date(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(dateSeparator: .dash, dateTimeSeparator: .space, timeZone: .gmt)
                .year().month().day().time(includingFractionalSeconds: false)) + " UTC"
    }
}
