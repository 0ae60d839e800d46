import MotivationEngine

/// Numbers in the command line's readable reports: scores with thousands separators.
enum ScoreText {
    static func score(_ value: Double) -> String {
        NumberStyle.english.format(integer: Int(value.rounded()))
    }

    static func percent(_ share: Double) -> String {
        NumberStyle.english.format(share * 100, fractionDigits: 1) + "%"
    }

    /// `text` padded with spaces to `width` characters (and at least one space).
    static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }
}
