import Foundation

/// Numbers and dates as the dashboard shows them.
enum DashboardFormatting {
    /// `150,000` (whole points).
    static func points(_ value: Double) -> String {
        Axis.label(value.rounded())
    }

    /// `91.2 %`.
    static func percent(_ fraction: Double) -> String {
        String(format: "%.1f %%", fraction * 100)
    }

    /// `1 workout`, `12 workouts`.
    static func count(_ count: Int, _ noun: String) -> String {
        "\(Axis.label(Double(count))) \(noun)\(count == 1 ? "" : "s")"
    }

    /// `75th`.
    static func ordinal(_ percentile: Double) -> String {
        let value = Int(percentile.rounded())
        let suffix = (11...13).contains(value % 100) ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][value % 10]
        return "\(value)\(suffix)"
    }

    /// `2026-11-28 11:02 UTC`.
    static func date(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(dateSeparator: .dash, dateTimeSeparator: .space, timeZone: .gmt)
            .year().month().day().time(includingFractionalSeconds: false)) + " UTC"
    }
}
