import MotivationEngine

/// Builds RFC 4180 CSV text into a byte buffer that the caller flushes with ``take()``.
///
/// Append a record's fields one by one, then call ``endRecord()``. Fields are quoted only when
/// they must be (they hold a comma, a quote, a CR or an LF); numbers are written without
/// building a `String` per field when they are integers.
///
/// ```swift
/// var writer = CSVWriter()
/// writer.write(fields: ["userId", "score"])
/// writer.append("u1"); writer.append(152_340.0); writer.endRecord()
/// try output.write(contentsOf: writer.take())
/// ```
public struct CSVWriter: Sendable {
    /// The bytes that end each record.
    public enum LineEnding: Sendable {
        /// `\n`, the Unix convention.
        case lf
        /// `\r\n`, what RFC 4180 prescribes and spreadsheets on Windows expect.
        case crlf
    }

    /// The bytes that end each record.
    public let lineEnding: LineEnding
    private var buffer: [UInt8] = []
    private var fieldsInRecord = 0
    /// The offset in `buffer` where the record being written starts.
    private var recordStart = 0

    /// Creates a writer ending records with `lineEnding` (LF by default).
    public init(lineEnding: LineEnding = .lf) {
        self.lineEnding = lineEnding
    }

    /// How many bytes are waiting for ``take()``: flush when it passes your chunk size.
    public var byteCount: Int { buffer.count }

    /// Appends a text field, quoted if it holds a comma, a quote or a line break.
    public mutating func append(_ field: some StringProtocol) {
        let appended: Void? = field.utf8.withContiguousStorageIfAvailable { appendField($0) }
        if appended == nil {
            Array(field.utf8).withUnsafeBufferPointer { appendField($0) }
        }
    }

    /// Appends field `index` of `record` as it was read, without decoding it to a `String`:
    /// the way to carry input columns through to the output.
    public mutating func append(fieldAt index: Int, of record: CSVRecord) {
        record.withField(at: index) { appendField($0) }
    }

    /// Appends a number in the shortest form that reads back to the same `Double`: integers
    /// without a fraction (`152340`, `-0`), other values as Swift's `description` (`25.5`,
    /// `1e-07`). NaN and infinities, which are not measurements, are written as an empty field
    /// — the same as a missing value.
    public mutating func append(_ value: Double) {
        startField()
        guard value.isFinite else { return }
        if value.rounded(.towardZero) == value, value.magnitude <= 0x1p53 {
            if value == 0, value.sign == .minus { buffer.append(UInt8(ascii: "-")) }
            appendDigits(Int(value))
        } else {
            buffer.append(contentsOf: value.description.utf8)
        }
    }

    /// Appends a number rounded to `fractionDigits` decimals (at most 9), without trailing
    /// zeros (`0.9846`, `82.5`, `100`): for figures that are rounded anyway, and faster than
    /// the shortest round-trip form. NaN and infinities are written as an empty field.
    public mutating func append(_ value: Double, fractionDigits: Int) {
        let places = min(max(fractionDigits, 0), 9)
        var unit = 1
        for _ in 0..<places { unit *= 10 }
        let scaled = (value * Double(unit)).rounded()
        guard scaled.isFinite, scaled.magnitude < 0x1p53 else { return append(value) }
        startField()
        if scaled < 0 { buffer.append(UInt8(ascii: "-")) }
        var digits = Int(scaled.magnitude), shown = places
        while shown > 0, digits % 10 == 0 {  // no trailing zeros in the fraction
            digits /= 10
            shown -= 1
            unit /= 10
        }
        appendDigits(of: UInt(digits / unit), minimumCount: 1)
        if shown > 0 {
            buffer.append(UInt8(ascii: "."))
            appendDigits(of: UInt(digits % unit), minimumCount: shown)
        }
    }

    /// Appends a number, or an empty field for nil.
    public mutating func append(_ value: Double?) {
        if let value { append(value) } else { startField() }
    }

    /// Appends an integer.
    public mutating func append(_ value: Int) {
        startField()
        appendDigits(value)
    }

    /// Ends the record. A record of one empty field is written as `""`, since an empty line
    /// would be read back as no record at all.
    public mutating func endRecord() {
        if buffer.count == recordStart {
            buffer.append(UInt8(ascii: "\""))
            buffer.append(UInt8(ascii: "\""))
        }
        if lineEnding == .crlf { buffer.append(UInt8(ascii: "\r")) }
        buffer.append(UInt8(ascii: "\n"))
        fieldsInRecord = 0
        recordStart = buffer.count
    }

    /// Writes a whole record of text fields.
    public mutating func write(fields: [String]) {
        for field in fields { append(field) }
        endRecord()
    }

    /// Returns the bytes written since the last call and empties the buffer; callable in the
    /// middle of a record.
    public mutating func take() -> [UInt8] {
        let taken = buffer
        buffer.removeAll(keepingCapacity: false)
        buffer.reserveCapacity(taken.count)
        recordStart -= taken.count
        return taken
    }

    /// Writes the separator before every field but the first of a record.
    @inline(__always)
    private mutating func startField() {
        if fieldsInRecord > 0 { buffer.append(UInt8(ascii: ",")) }
        fieldsInRecord += 1
    }

    private mutating func appendField(_ text: UnsafeBufferPointer<UInt8>) {
        startField()
        let quote = UInt8(ascii: "\"")
        let needsQuotes = text.contains {
            $0 == UInt8(ascii: ",") || $0 == quote || $0 == UInt8(ascii: "\n")
                || $0 == UInt8(ascii: "\r")
        }
        guard needsQuotes else { return buffer.append(contentsOf: text) }
        buffer.append(quote)
        var rest = text[...]
        while let index = rest.firstIndex(of: quote) {  // copy up to each quote, then double it
            buffer.append(contentsOf: rest[...index])
            buffer.append(quote)
            rest = rest[(index + 1)...]
        }
        buffer.append(contentsOf: rest)
        buffer.append(quote)
    }

    /// Appends the decimal digits of `value`, with a minus sign when negative.
    private mutating func appendDigits(_ value: Int) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        appendDigits(of: value.magnitude, minimumCount: 1)
    }

    /// Appends the digits of `magnitude`, zero-padded on the left to `minimumCount`.
    private mutating func appendDigits(of magnitude: UInt, minimumCount: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
            var rest = magnitude, start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0 || digits.count - start < minimumCount
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
