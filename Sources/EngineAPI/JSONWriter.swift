import NIOCore

/// A JSON value the writer refuses to write.
public struct JSONWriterError: Error, CustomStringConvertible {
    /// What is wrong, e.g. `nan is not a JSON number`.
    public var problem: String
    /// The last key given before the value: the value's own key, or the key of the array holding it.
    public var key: String?

    /// The problem and, when known, its key.
    public var description: String {
        key.map { "\(problem) (at key \"\($0)\")" } ?? problem
    }
}

/// Writes compact JSON straight into a `ByteBuffer`, without `Foundation`; only non-integral numbers
/// go through a `String` (their shortest round-trip form).
///
/// Commas are placed automatically: call `key(_:)` before every value inside an object, and
/// write values one after another inside an array:
///
///     writer.beginObject()
///     writer.key("score"); try writer.value(150_000.0)
///     writer.key("tags"); writer.beginArray(); writer.value("a"); writer.value("b"); writer.endArray()
///     writer.endObject()  // {"score":150000,"tags":["a","b"]}
///
/// Every value or bracket goes to the buffer in a single write, together with the comma and key
/// before it: the buffer's per-write overhead, not the formatting, is what costs. The writer does
/// not check that calls are balanced or that objects get keys; the callers are the fixed shapes of
/// the service's responses.
public struct JSONWriter {
    /// The JSON written so far.
    public var buffer: ByteBuffer
    /// Whether the next value or container needs a comma before it: true after a value or a closed
    /// container, false after an opening bracket. One flag suffices at any depth.
    private var needsComma = false
    /// The key given for the next value, written together with it.
    private var pendingKey: StaticString?
    /// The last key given, named in errors.
    private var lastKey: StaticString?

    /// A writer appending to `buffer`.
    public init(buffer: ByteBuffer) {
        self.buffer = buffer
    }

    /// Writes `{`.
    public mutating func beginObject() {
        open(UInt8(ascii: "{"))
    }

    /// Writes `}`.
    public mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    /// Writes `[`.
    public mutating func beginArray() {
        open(UInt8(ascii: "["))
    }

    /// Writes `]`.
    public mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// Sets the key of the next value: `"name":` is written with it.
    public mutating func key(_ key: some WireKey) {
        pendingKey = key.name
        lastKey = key.name
    }

    /// Writes `"name":` for a key known only at run time (escaped like a string value); the
    /// next value follows it.
    public mutating func key(dynamic name: String) {
        value(name)
        buffer.writeInteger(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes `null`.
    public mutating func null() {
        literal("null")
    }

    /// Writes `true` or `false`.
    public mutating func value(_ bool: Bool) {
        literal(bool ? "true" : "false")
    }

    /// Writes an integer in decimal, digit by digit.
    public mutating func value(_ int: Int) {
        append(atMost: 20) { Self.writeDecimal(int.magnitude, negative: int < 0, to: $0) }
    }

    /// Writes a number: an integral value below 2⁵³ in magnitude as an integer (`150000`, `-0`),
    /// any other as Swift's shortest round-trip form (`0.91`, `1e-05`, `5e+20`), both valid JSON.
    /// - Throws: `JSONWriterError` for NaN and ±infinity, which JSON cannot express.
    public mutating func value(_ double: Double) throws(JSONWriterError) {
        guard double.isFinite else {
            throw JSONWriterError(problem: "\(double) is not a JSON number", key: lastKey.map { "\($0)" })
        }
        if double.magnitude < 0x1p53, double == double.rounded(.towardZero) {
            append(atMost: 17) { Self.writeDecimal(UInt(double.magnitude), negative: double.sign == .minus, to: $0) }
        } else {
            var text = double.description
            text.withUTF8 { utf8 in
                append(atMost: utf8.count) { out in
                    out.copyMemory(from: utf8.baseAddress!, byteCount: utf8.count)
                    return utf8.count
                }
            }
        }
    }

    /// Writes a string in quotes, escaping `"`, `\` and the control characters U+0000–U+001F
    /// as RFC 8259 requires; everything else, non-ASCII included, is written as its UTF-8 bytes.
    public mutating func value(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            var escapes = 0
            for byte in utf8 where Self.needsEscape(byte) { escapes += 1 }
            // An escape takes at most 6 bytes (`\u00XX`) for 1.
            append(atMost: utf8.count + 5 * escapes + 2) { out in
                out.storeBytes(of: UInt8(ascii: "\""), as: UInt8.self)
                var count = 1 + utf8.count
                if escapes == 0 {
                    (out + 1).copyMemory(from: utf8.baseAddress!, byteCount: utf8.count)
                } else {
                    count = 1 + Self.writeEscaped(utf8, to: out + 1)
                }
                (out + count).storeBytes(of: UInt8(ascii: "\""), as: UInt8.self)
                return count + 1
            }
        }
    }

    /// Writes the number, or `null` when `nil`.
    public mutating func value(_ double: Double?) throws(JSONWriterError) {
        if let double { try value(double) } else { null() }
    }

    /// Writes the integer, or `null` when `nil`.
    public mutating func value(_ int: Int?) {
        if let int { value(int) } else { null() }
    }

    /// Writes the string, or `null` when `nil`.
    public mutating func value(_ string: String?) {
        if let string { value(string) } else { null() }
    }

    /// Writes the Boolean, or `null` when `nil`.
    public mutating func value(_ bool: Bool?) {
        if let bool { value(bool) } else { null() }
    }

    // MARK: Writing

    /// Writes an opening bracket; the container's first item needs no comma.
    private mutating func open(_ bracket: UInt8) {
        append(atMost: 1) { out in
            out.storeBytes(of: bracket, as: UInt8.self)
            return 1
        }
        needsComma = false
    }

    /// Writes a closing bracket, never after a comma.
    private mutating func close(_ bracket: UInt8) {
        needsComma = false
        append(atMost: 1) { out in
            out.storeBytes(of: bracket, as: UInt8.self)
            return 1
        }
    }

    /// Writes `text` as it is.
    private mutating func literal(_ text: StaticString) {
        append(atMost: text.utf8CodeUnitCount) { out in
            out.copyMemory(from: text.utf8Start, byteCount: text.utf8CodeUnitCount)
            return text.utf8CodeUnitCount
        }
    }

    /// Writes, in one write to the buffer, a comma if one is due, the pending key if any, and then
    /// what `body` writes at the pointer it gets (at most `maximumCount` bytes; it returns how many).
    /// A comma is due next.
    private mutating func append(atMost maximumCount: Int, _ body: (UnsafeMutableRawPointer) -> Int) {
        let comma = needsComma ? 1 : 0
        let key = pendingKey
        let keyCount = key.map { $0.utf8CodeUnitCount + 3 } ?? 0
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: comma + keyCount + maximumCount) { bytes in
            var out = bytes.baseAddress!
            if comma == 1 {
                out.storeBytes(of: UInt8(ascii: ","), as: UInt8.self)
                out += 1
            }
            if let key {
                out.storeBytes(of: UInt8(ascii: "\""), as: UInt8.self)
                (out + 1).copyMemory(from: key.utf8Start, byteCount: keyCount - 3)
                (out + keyCount - 2).storeBytes(of: UInt8(ascii: "\""), as: UInt8.self)
                (out + keyCount - 1).storeBytes(of: UInt8(ascii: ":"), as: UInt8.self)
                out += keyCount
            }
            return comma + keyCount + body(out)
        }
        needsComma = true
        pendingKey = nil
    }

    /// Whether a string byte must be escaped: `"`, `\` and the control characters.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Writes `magnitude` in decimal, after a minus sign if `negative`; returns the byte count.
    private static func writeDecimal(_ magnitude: UInt, negative: Bool, to out: UnsafeMutableRawPointer) -> Int {
        var digits = 1
        var rest = magnitude
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        let count = digits + (negative ? 1 : 0)
        if negative { out.storeBytes(of: UInt8(ascii: "-"), as: UInt8.self) }
        rest = magnitude
        for index in stride(from: count - 1, through: count - digits, by: -1) {
            (out + index).storeBytes(of: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10), as: UInt8.self)
            rest /= 10
        }
        return count
    }

    /// Writes `utf8` escaped, copying runs that need no escaping in one go; returns the byte count.
    private static func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to out: UnsafeMutableRawPointer) -> Int {
        var written = 0
        var runStart = 0
        for (index, byte) in utf8.enumerated() where needsEscape(byte) {
            (out + written).copyMemory(from: utf8.baseAddress! + runStart, byteCount: index - runStart)
            written += index - runStart
            written += writeEscape(byte, to: out + written)
            runStart = index + 1
        }
        if runStart < utf8.count {
            (out + written).copyMemory(from: utf8.baseAddress! + runStart, byteCount: utf8.count - runStart)
            written += utf8.count - runStart
        }
        return written
    }

    /// Writes the escape sequence of `byte`: the short form where JSON has one, else `\u00XX`;
    /// returns the byte count.
    private static func writeEscape(_ byte: UInt8, to out: UnsafeMutableRawPointer) -> Int {
        let short: UInt8? =
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte
            case 0x08: UInt8(ascii: "b")
            case 0x09: UInt8(ascii: "t")
            case 0x0A: UInt8(ascii: "n")
            case 0x0C: UInt8(ascii: "f")
            case 0x0D: UInt8(ascii: "r")
            default: nil
            }
        out.storeBytes(of: UInt8(ascii: "\\"), as: UInt8.self)
        if let short {
            (out + 1).storeBytes(of: short, as: UInt8.self)
            return 2
        }
        let hex: StaticString = "0123456789abcdef"
        (out + 1).storeBytes(of: UInt8(ascii: "u"), as: UInt8.self)
        (out + 2).storeBytes(of: UInt8(ascii: "0"), as: UInt8.self)
        (out + 3).storeBytes(of: UInt8(ascii: "0"), as: UInt8.self)
        (out + 4).storeBytes(of: hex.utf8Start[Int(byte >> 4)], as: UInt8.self)
        (out + 5).storeBytes(of: hex.utf8Start[Int(byte & 0xF)], as: UInt8.self)
        return 6
    }
}
