import Foundation
import TestSupport

/// Seeded random inputs and mutations for the fuzz tests. SplitMix64 makes every run the same,
/// so a failure names its seed and case and reproduces; `SPHERY_FUZZ_SEED` runs other cases.
struct Fuzzer {
    private var generator: SplitMix64

    /// The base seed: `SPHERY_FUZZ_SEED`, else a fixed one.
    static let baseSeed = ProcessInfo.processInfo.environment["SPHERY_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_204

    /// A generator for one test; `stream` keeps the tests' sequences apart.
    init(stream: UInt64) {
        generator = SplitMix64(seed: Self.baseSeed &* 0x9E37_79B9 &+ stream)
    }

    mutating func next() -> UInt64 {
        generator.next()
    }

    /// A number in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < p
    }

    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    // MARK: - Bytes and text

    /// Bytes that parsers treat specially: NUL, whitespace and line breaks, quotes, escapes,
    /// separators, DEL, and bytes from 0x80 (continuation, overlong and invalid UTF-8 leads).
    static let interestingBytes: [UInt8] = [
        0x00, 0x01, 0x09, 0x0A, 0x0D, 0x20, 0x22, 0x25, 0x26, 0x27, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x3A, 0x3B, 0x3D, 0x3F,
        0x5B, 0x5C, 0x5D, 0x7B, 0x7D, 0x7F, 0x80, 0x8F, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF8, 0xFE, 0xFF,
    ]

    /// Fragments that parsers treat specially: numbers at and past the limits of their types,
    /// JSON literals and escapes, nesting, line breaks, multipart and query syntax.
    static let interestingTokens: [String] = [
        "-1", "0", "-0", "1e400", "-1e400", "1e308", "4.9e-324", "0.1e-400", "99999999999999999999999",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1" + String(repeating: "0", count: 400),
        "NaN", "Infinity", "-Infinity", "null", "true", "false", "\"\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\", "\\u", "[", "]", "{",
        "}", "[]", "{}", ",", ":", String(repeating: "[", count: 600), String(repeating: "{\"a\":", count: 300), "\r\n",
        "\r\n\r\n", "\n", "\r", "--", "----sphery-test-boundary", "Content-Disposition: form-data; name=\"file\"", "%", "%00",
        "%0D%0A", "%80", "%FF", "%%", "%2", "&", "=", "?", "#", ";", "\"", "\\", "\u{0}", "\u{7F}", "\u{80}", "\u{FFFD}", "\u{FEFF}",
        "漢字", "Zürich", "😀", "\u{202E}",
    ]

    /// A byte: an interesting one half of the time, else any.
    mutating func byte() -> UInt8 {
        chance(0.5) ? pick(Self.interestingBytes) : UInt8(truncatingIfNeeded: next())
    }

    /// Up to `limit` random bytes.
    mutating func bytes(upTo limit: Int) -> [UInt8] {
        (0..<below(limit + 1)).map { _ in byte() }
    }

    /// Text of up to `limit` characters: ASCII, control characters, Latin-1 (bytes from 0x80 in
    /// UTF-8), other scripts, and interesting fragments.
    mutating func text(upTo limit: Int) -> String {
        var text = ""
        for _ in 0..<below(limit + 1) {
            switch below(8) {
            case 0: text.unicodeScalars.append(Unicode.Scalar(UInt8(below(0x20))))
            case 1: text.unicodeScalars.append(Unicode.Scalar(UInt8(0x80 + below(0x80))))
            case 2: text += pick(Self.interestingTokens)
            case 3: text.unicodeScalars.append(Unicode.Scalar(UInt32(0x100 + below(0xD700))) ?? "x")
            default: text.unicodeScalars.append(Unicode.Scalar(UInt8(0x20 + below(0x5F))))
            }
        }
        return text
    }

    /// A number as JSON, CSV or a query would carry it: small, large, fractional, exponents,
    /// negative, past the limits of Int and Double.
    mutating func number() -> String {
        switch below(6) {
        case 0: return String(below(200_000))
        case 1: return String(Double(below(1_000_000)) / 7)
        case 2: return "\(chance(0.5) ? "-" : "")\(below(10))e\(chance(0.5) ? "-" : "")\(below(500))"
        case 3: return pick(["-1", "-0", "0", "0.0", "1e400", "-1e400", "1e308", "9223372036854775808", "99999999999999999999"])
        case 4: return String(repeating: "9", count: 1 + below(40))
        default: return String(Int64(bitPattern: next()))
        }
    }

    /// `bytes` percent-encoded (all but ASCII letters and digits), as a query or path carries them.
    static func percentEncoded(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }.joined()
    }

    // MARK: - Mutations

    /// `input` changed `count` times: bytes replaced, inserted, deleted, duplicated or
    /// truncated, interesting fragments spliced in; at most `limit` bytes long.
    mutating func mutate(_ input: [UInt8], count: Int, limit: Int = 256 * 1024) -> [UInt8] {
        var bytes = input
        for _ in 0..<count {
            let position = below(bytes.count + 1)
            switch below(7) {
            case 0 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] = byte()
            case 1:
                bytes.insert(contentsOf: (0..<(1 + below(4))).map { _ in byte() }, at: position)
            case 2:
                bytes.removeSubrange(position..<min(bytes.count, position + 1 + below(16)))
            case 3:
                let piece = bytes[position..<min(bytes.count, position + 1 + below(64))]
                let copies = chance(0.1) ? 1 + below(200) : 1
                for _ in 0..<copies where bytes.count + piece.count <= limit {
                    bytes.insert(contentsOf: piece, at: below(bytes.count + 1))
                }
            case 4:
                bytes.removeSubrange(position...)
            case 5 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] ^= UInt8(1) << UInt8(below(8))
            default:
                bytes.insert(contentsOf: Array(pick(Self.interestingTokens).utf8), at: position)
            }
            if bytes.count > limit { bytes.removeSubrange(limit...) }
        }
        return bytes
    }

    /// A short, escaped rendering of `bytes` for a failure message.
    static func describe(_ bytes: [UInt8]) -> String {
        let shown = bytes.prefix(300).map { byte in
            (0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "\\") ? String(UnicodeScalar(byte)) : String(format: "\\x%02X", byte)
        }.joined()
        return bytes.count > 300 ? shown + "… (\(bytes.count) bytes)" : shown
    }
}
