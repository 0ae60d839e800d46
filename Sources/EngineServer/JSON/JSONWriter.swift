import Hummingbird

/// A JSON value the writer refuses to write.
struct JSONWriterError: Error, CustomStringConvertible {
    /// What is wrong, e.g. `nan is not a JSON number`.
    var problem: String
    /// The key written last before the value: the value's own key, or the key of the array holding it.
    var key: String?

    /// The problem and, when known, its key.
    var description: String {
        key.map { "\(problem) (at key \"\($0)\")" } ?? problem
    }
}

/// Writes compact JSON straight into a `ByteBuffer`, without `Foundation` or intermediate strings.
///
/// Commas are placed automatically: call `key(_:)` before every value inside an object, and
/// write values one after another inside an array:
///
///     writer.beginObject()
///     writer.key("score"); try writer.value(150_000.0)
///     writer.key("tags"); writer.beginArray(); writer.value("a"); writer.value("b"); writer.endArray()
///     writer.endObject()  // {"score":150000,"tags":["a","b"]}
///
/// The writer does not check that calls are balanced or that objects get keys; the callers are
/// the fixed shapes of the service's responses.
struct JSONWriter {
    /// The JSON written so far.
    var buffer: ByteBuffer
    /// Whether the next key, value or container needs a comma before it: true after a value or
    /// a closed container, false after an opening bracket or a key. One flag suffices at any depth.
    private var needsComma = false
    /// The last key written, named in errors.
    private var lastKey: StaticString?

    /// A writer appending to `buffer`.
    init(buffer: ByteBuffer) {
        self.buffer = buffer
    }

    /// Writes `{`.
    mutating func beginObject() {
        separate()
        buffer.writeInteger(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Writes `}`.
    mutating func endObject() {
        buffer.writeInteger(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes `[`.
    mutating func beginArray() {
        separate()
        buffer.writeInteger(UInt8(ascii: "["))
        needsComma = false
    }

    /// Writes `]`.
    mutating func endArray() {
        buffer.writeInteger(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes `"name":`. The name is written as is, so it must need no escaping
    /// (no `"`, `\` or control characters), as the service's fixed key names don't.
    mutating func key(_ name: StaticString) {
        separate()
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeStaticString(name)
        buffer.writeStaticString("\":")
        needsComma = false
        lastKey = name
    }

    /// Writes `null`.
    mutating func null() {
        separate()
        buffer.writeStaticString("null")
        needsComma = true
    }

    /// Writes `true` or `false`.
    mutating func value(_ bool: Bool) {
        separate()
        buffer.writeStaticString(bool ? "true" : "false")
        needsComma = true
    }

    /// Writes an integer in decimal, digit by digit.
    mutating func value(_ int: Int) {
        separate()
        writeDecimal(int.magnitude, negative: int < 0)
        needsComma = true
    }

    /// Writes a number: an integral value below 2⁵³ in magnitude as an integer (`150000`, `-0`),
    /// any other as Swift's shortest round-trip form (`0.91`, `1e-05`, `5e+20`), both valid JSON.
    /// - Throws: `JSONWriterError` for NaN and ±infinity, which JSON cannot express.
    mutating func value(_ double: Double) throws(JSONWriterError) {
        guard double.isFinite else {
            throw JSONWriterError(problem: "\(double) is not a JSON number", key: lastKey.map { "\($0)" })
        }
        separate()
        if double.magnitude < 0x1p53, double == double.rounded(.towardZero) {
            writeDecimal(UInt(double.magnitude), negative: double.sign == .minus)
        } else {
            buffer.writeString(double.description)
        }
        needsComma = true
    }

    /// Writes a string in quotes, escaping `"`, `\` and the control characters U+0000–U+001F
    /// as RFC 8259 requires; everything else, non-ASCII included, is written as its UTF-8 bytes.
    mutating func value(_ string: String) {
        separate()
        buffer.writeInteger(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { writeEscaped($0) }
        buffer.writeInteger(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes the number, or `null` when `nil`.
    mutating func value(_ double: Double?) throws(JSONWriterError) {
        if let double { try value(double) } else { null() }
    }

    /// Writes the integer, or `null` when `nil`.
    mutating func value(_ int: Int?) {
        if let int { value(int) } else { null() }
    }

    /// Writes the string, or `null` when `nil`.
    mutating func value(_ string: String?) {
        if let string { value(string) } else { null() }
    }

    /// Writes the Boolean, or `null` when `nil`.
    mutating func value(_ bool: Bool?) {
        if let bool { value(bool) } else { null() }
    }

    /// Writes a comma if a value precedes in the same container.
    private mutating func separate() {
        if needsComma { buffer.writeInteger(UInt8(ascii: ",")) }
    }

    /// Writes `magnitude` in decimal, after a minus sign if `negative`.
    private mutating func writeDecimal(_ magnitude: UInt, negative: Bool) {
        var digits = 1
        var rest = magnitude
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        let length = digits + (negative ? 1 : 0)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { bytes in
            if negative { bytes[0] = UInt8(ascii: "-") }
            var rest = magnitude
            for index in stride(from: length - 1, through: length - digits, by: -1) {
                bytes[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            return length
        }
    }

    /// Writes `bytes` escaped, copying runs that need no escaping in one go.
    private mutating func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<index])))
            writeEscape(byte)
            runStart = index + 1
        }
        buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart...])))
    }

    /// Writes the escape sequence of `byte`: the short form where JSON has one, else `\u00XX`.
    private mutating func writeEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
        case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
        case 0x08: buffer.writeStaticString("\\b")
        case 0x09: buffer.writeStaticString("\\t")
        case 0x0A: buffer.writeStaticString("\\n")
        case 0x0C: buffer.writeStaticString("\\f")
        case 0x0D: buffer.writeStaticString("\\r")
        default:
            let hex: StaticString = "0123456789abcdef"
            buffer.writeStaticString("\\u00")
            buffer.writeInteger(hex.utf8Start[Int(byte >> 4)])
            buffer.writeInteger(hex.utf8Start[Int(byte & 0xF)])
        }
    }
}
