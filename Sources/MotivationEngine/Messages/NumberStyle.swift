/// Hand-written number formatting for the message languages.
///
/// Foundation's `NumberFormatter` costs microseconds per call (and its Swiss data differs
/// between platforms and ICU versions); an analysis has a budget of about 2 µs in total.
/// These formatters write UTF-8 bytes directly and are exact and identical on every platform.
///
/// | language | grouping | decimal | ordinal |
/// |---|---|---|---|
/// | English | `11,000` | `68.4` | `1st`, `2nd`, `3rd`, `11th`, `21st`, `68th` |
/// | Swiss German | `11’000` (U+2019) | `68.4` | `68.` |
/// | Swiss French | `11 000` (U+202F) | `68,4` | `1er`, `68e` |
public struct NumberStyle: Sendable, Hashable {
    /// The language whose conventions these are.
    public let language: Language

    /// The conventions of `language`.
    public init(language: Language) {
        self.language = language
    }

    /// English: `11,000`, `68.4`.
    public static let english = NumberStyle(language: .en)
    /// Swiss German: `11’000`, `68.4`.
    public static let swissGerman = NumberStyle(language: .de)
    /// Swiss French: `11 000` (narrow no-break space), `68,4`.
    public static let swissFrench = NumberStyle(language: .fr)

    /// The mark between groups of three digits.
    public var groupingSeparator: String {
        switch language {
        case .en: ","
        case .de: "\u{2019}"
        case .fr: "\u{202F}"
        }
    }

    /// The mark before the fraction digits.
    public var decimalSeparator: String {
        language == .fr ? "," : "."
    }

    /// An integer with grouping: `1,234,567` / `1’234’567` / `1 234 567`. Negative numbers
    /// keep their `-` sign (message values never are negative; see `MessageValues`).
    public func format(integer: Int) -> String {
        integerString(integer, ordinal: false)
    }

    /// A number rounded (half away from zero) to `fractionDigits` digits, with grouping:
    /// `68.4` / `68.4` / `68,4`, `12,345.68`. `fractionDigits` is clamped to `0...9`.
    /// Non-finite values are written `NaN`, `∞` and `-∞`.
    public func format(_ value: Double, fractionDigits: Int) -> String {
        guard value.isFinite else {
            return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞")
        }
        let digits = min(9, max(0, fractionDigits))
        var scale: UInt = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value.magnitude * Double(scale)).rounded(.toNearestOrAwayFromZero)
        var result = ""
        guard scaled < 9.0e18 else {
            // Beyond 64-bit integers: whole digits only (no score comes near this).
            if value < 0 { result += "-" }
            result += largeWhole(value.magnitude.rounded(.toNearestOrAwayFromZero))
            if digits > 0 { result += decimalSeparator + String(repeating: "0", count: digits) }
            return result
        }
        let units = UInt(scaled)
        if value < 0 && units != 0 { result += "-" }
        result += integerString(Int(units / scale), ordinal: false)
        guard digits > 0 else { return result }
        let fraction = String(units % scale)
        result += decimalSeparator
        result += String(repeating: "0", count: digits - fraction.count) + fraction
        return result
    }

    /// An ordinal: English `1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`, `101st`,
    /// `111th`; German `68.`; French `1er`, `2e`, `68e`.
    public func ordinal(_ value: Int) -> String {
        integerString(value, ordinal: true)
    }

    /// The ordinal of a percentile as messages show it: rounded half up to a whole number and
    /// clamped to `0...100` (`68.4` → `68th`, `99.6` → `100th`). Not-a-number counts as 0.
    public func percentileOrdinal(_ percentile: Double) -> String {
        ordinal(Self.wholePercentile(percentile))
    }

    /// A score or point count as messages show it: the smallest whole number that reaches
    /// `value` (a target of `160,999.2` needs a score of `161,000`), never negative, with grouping.
    public func formatScore(_ value: Double) -> String {
        format(integer: Self.wholeScore(value))
    }

    // MARK: - Rounding rules shared by the formatters and the renderer

    /// The whole number a score or point count is shown as: rounded up (with a tolerance of
    /// 1e-6 for values that are whole up to floating-point noise), never below 0.
    @inlinable
    public static func wholeScore(_ value: Double) -> Int {
        guard value.isFinite else { return value == .infinity ? Int.max : 0 }
        if value <= 0 { return 0 }
        let up = (value - 1e-6).rounded(.up)
        if up >= 9.0e18 { return Int.max }
        return max(0, Int(up))
    }

    /// The whole percentile a percentile is shown as: rounded half up, clamped to `0...100`.
    @inlinable
    public static func wholePercentile(_ value: Double) -> Int {
        guard value.isFinite else { return value == .infinity ? 100 : 0 }
        return Int(min(100, max(0, value.rounded(.toNearestOrAwayFromZero))))
    }

    // MARK: - Writers

    /// `value` with grouping and, if `ordinal`, the language's ordinal suffix. Written back to
    /// front into a stack buffer; results of up to 15 bytes (every score and percentile) are
    /// small strings, so this does not allocate.
    @usableFromInline
    func integerString(_ value: Int, ordinal: Bool) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer -> String in
            let end = writeInteger(value, ordinal: ordinal, into: buffer, at: 0)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<end]), as: UTF8.self)
        }
    }

    /// The UTF-8 length of `integerString(value, ordinal:)`, for writing in place.
    @inline(__always)
    func integerByteCount(_ value: Int, ordinal: Bool) -> Int {
        var digits = 1
        var rest = value.magnitude / 10
        while rest > 0 { digits += 1; rest /= 10 }
        var count = digits + (digits - 1) / 3 * (language == .en ? 1 : 3) + (value < 0 ? 1 : 0)
        if ordinal {
            switch language {
            case .en: count += 2
            case .de: count += 1
            case .fr: count += value == 1 ? 2 : 1
            }
        }
        return count
    }

    /// Writes `integerString(value, ordinal:)` as UTF-8 at `start`, returning the end.
    @inline(__always)
    func writeInteger(_ value: Int, ordinal: Bool, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        let end = start + integerByteCount(value, ordinal: ordinal)
        precondition(end <= buffer.count, "number buffer too small")
        let base = buffer.baseAddress!
        var index = end
        @inline(__always) func put(_ byte: UInt8) {
            index -= 1
            base[index] = byte
        }
        if ordinal {
            switch language {
            case .en:
                let lastTwo = value.magnitude % 100
                let ones = lastTwo % 10
                if (11...13).contains(lastTwo) || ones == 0 || ones > 3 {
                    put(0x68); put(0x74)  // "th"
                } else if ones == 1 {
                    put(0x74); put(0x73)  // "st"
                } else if ones == 2 {
                    put(0x64); put(0x6E)  // "nd"
                } else {
                    put(0x64); put(0x72)  // "rd"
                }
            case .de:
                put(0x2E)  // "."
            case .fr:
                if value == 1 { put(0x72) }  // "er"
                put(0x65)  // "e"
            }
        }
        var remaining = value.magnitude
        var written = 0
        repeat {
            if written > 0 && written % 3 == 0 {
                switch language {
                case .en: put(0x2C)
                case .de: put(0x99); put(0x80); put(0xE2)  // U+2019
                case .fr: put(0xAF); put(0x80); put(0xE2)  // U+202F
                }
            }
            put(0x30 + UInt8(remaining % 10))
            remaining /= 10
            written += 1
        } while remaining > 0
        if value < 0 { put(0x2D) }
        assert(index == start)
        return end
    }

    /// Whole digits of a huge finite non-negative double, with grouping.
    private func largeWhole(_ value: Double) -> String {
        var digits: [Character] = []
        var rest = value
        while rest >= 1 {
            let digit = rest.truncatingRemainder(dividingBy: 10)
            digits.append(Character(String(Int(digit))))
            rest = ((rest - digit) / 10).rounded(.down)
        }
        if digits.isEmpty { digits.append("0") }
        var result = ""
        for (offset, digit) in digits.reversed().enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result += groupingSeparator }
            result.append(digit)
        }
        return result
    }
}
