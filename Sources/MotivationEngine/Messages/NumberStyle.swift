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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        appendInteger(integer, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A number rounded (half away from zero) to `fractionDigits` digits, with grouping:
    /// `68.4` / `68.4` / `68,4`, `12,345.68`. `fractionDigits` is clamped to `0...9`.
    /// Non-finite values are written `NaN`, `∞` and `-∞`.
    public func format(_ value: Double, fractionDigits: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(40)
        appendDecimal(value, fractionDigits: fractionDigits, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An ordinal: English `1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`, `101st`,
    /// `111th`; German `68.`; French `1er`, `2e`, `68e`.
    public func ordinal(_ value: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        appendOrdinal(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
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

    // MARK: - Byte writers (used by the message renderer)

    @usableFromInline
    func appendGroupingSeparator(to bytes: inout [UInt8]) {
        switch language {
        case .en: bytes.append(0x2C)
        case .de: bytes.append(0xE2); bytes.append(0x80); bytes.append(0x99)
        case .fr: bytes.append(0xE2); bytes.append(0x80); bytes.append(0xAF)
        }
    }

    /// Appends `value` with grouping.
    func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(0x2D) }
        appendMagnitude(value.magnitude, to: &bytes)
    }

    /// Appends a non-negative integer with grouping, writing the digits back to front.
    func appendMagnitude(_ magnitude: UInt, to bytes: inout [UInt8]) {
        var digitCount = 1
        var rest = magnitude / 10
        while rest > 0 { digitCount += 1; rest /= 10 }
        let separatorWidth = language == .en ? 1 : 3
        let separatorCount = (digitCount - 1) / 3
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: digitCount + separatorCount * separatorWidth))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var index = buffer.count - 1
            var remaining = magnitude
            var written = 0
            while true {
                buffer[index] = 0x30 + UInt8(remaining % 10)
                index -= 1
                remaining /= 10
                written += 1
                if written == digitCount { break }
                if written % 3 == 0 {
                    switch language {
                    case .en:
                        buffer[index] = 0x2C
                    case .de:
                        buffer[index] = 0x99; buffer[index - 1] = 0x80; buffer[index - 2] = 0xE2
                    case .fr:
                        buffer[index] = 0xAF; buffer[index - 1] = 0x80; buffer[index - 2] = 0xE2
                    }
                    index -= separatorWidth
                }
            }
            assert(index == start - 1)
        }
    }

    func appendDecimal(_ value: Double, fractionDigits: Int, to bytes: inout [UInt8]) {
        guard value.isFinite else {
            if value.isNaN {
                bytes.append(contentsOf: "NaN".utf8)
            } else {
                if value < 0 { bytes.append(0x2D) }
                bytes.append(contentsOf: "∞".utf8)
            }
            return
        }
        let digits = min(9, max(0, fractionDigits))
        var scale: UInt = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value.magnitude * Double(scale)).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else {
            // Beyond 64-bit integers: whole digits only (no score comes near this).
            if value < 0 { bytes.append(0x2D) }
            appendLargeWhole(value.magnitude.rounded(.toNearestOrAwayFromZero), to: &bytes)
            if digits > 0 {
                bytes.append(language == .fr ? 0x2C : 0x2E)
                bytes.append(contentsOf: repeatElement(0x30, count: digits))
            }
            return
        }
        let units = UInt(scaled)
        if value < 0 && units != 0 { bytes.append(0x2D) }
        appendMagnitude(units / scale, to: &bytes)
        guard digits > 0 else { return }
        bytes.append(language == .fr ? 0x2C : 0x2E)
        var fraction = units % scale
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0x30, count: digits))
        var index = start + digits - 1
        while index >= start {
            bytes[index] = 0x30 + UInt8(fraction % 10)
            fraction /= 10
            index -= 1
        }
    }

    /// Whole digits of a huge finite non-negative double, with grouping.
    private func appendLargeWhole(_ value: Double, to bytes: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        while rest >= 1 {
            let digit = rest.truncatingRemainder(dividingBy: 10)
            digits.append(0x30 + UInt8(digit))
            rest = ((rest - digit) / 10).rounded(.down)
        }
        if digits.isEmpty { digits.append(0x30) }
        for (offset, digit) in digits.reversed().enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { appendGroupingSeparator(to: &bytes) }
            bytes.append(digit)
        }
    }

    func appendOrdinal(_ value: Int, to bytes: inout [UInt8]) {
        appendInteger(value, to: &bytes)
        switch language {
        case .en:
            let lastTwo = value.magnitude % 100
            if (11...13).contains(lastTwo) {
                bytes.append(0x74); bytes.append(0x68)  // th
            } else {
                switch lastTwo % 10 {
                case 1: bytes.append(0x73); bytes.append(0x74)  // st
                case 2: bytes.append(0x6E); bytes.append(0x64)  // nd
                case 3: bytes.append(0x72); bytes.append(0x64)  // rd
                default: bytes.append(0x74); bytes.append(0x68)  // th
                }
            }
        case .de:
            bytes.append(0x2E)  // .
        case .fr:
            if value == 1 {
                bytes.append(0x65); bytes.append(0x72)  // er
            } else {
                bytes.append(0x65)  // e
            }
        }
    }
}
