import MotivationEngine
import NIOCore

/// Reads the analysis input without Foundation's `JSONDecoder` (a quarter of a request's CPU
/// time) for the shape every caller sends: one flat JSON object whose values are numbers,
/// strings without escapes, `true`, `false` or `null`, and an array of numbers for
/// `recent_scores`. Anything else — nesting, escapes, a duplicate key, a value of the wrong type
/// or a number its field cannot hold, a missing score, malformed JSON — is declined (`nil`), and
/// the caller decodes with `JSONDecoder`, which also words the errors. So the reader never
/// decides an error, and what it accepts decodes to the same value both ways (a test compares
/// them on generated inputs). The keys are `AnalysisInput.Key`'s: the value of a key it does not
/// know is skipped, whatever its type.
public enum AnalysisInputReader {
    /// The input in `bytes`, or nil to decline.
    public static func read(_ bytes: UnsafeRawBufferPointer) -> AnalysisInput? {
        var reader = Cursor(bytes: bytes)
        guard let input = reader.object(), reader.atEnd else { return nil }
        return input
    }

    /// The inputs of a batch (a JSON array of such objects), or nil to decline the whole batch.
    public static func readArray(_ bytes: UnsafeRawBufferPointer) -> [AnalysisInput]? {
        var reader = Cursor(bytes: bytes)
        var inputs: [AnalysisInput] = []
        guard reader.consume(UInt8(ascii: "[")) else { return nil }
        if !reader.consume(UInt8(ascii: "]")) {
            repeat {
                guard let input = reader.object() else { return nil }
                inputs.append(input)
            } while reader.consume(UInt8(ascii: ","))
            guard reader.consume(UInt8(ascii: "]")) else { return nil }
        }
        return reader.atEnd ? inputs : nil
    }

    fileprivate typealias Key = AnalysisInput.Key

    /// The bit of `key` in the set of keys seen.
    fileprivate static func bit(_ key: Key) -> UInt16 { 1 << UInt16(key.rawValue) }

    /// A position in the bytes and the grammar read from there; every method returns nil to decline.
    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        mutating func object() -> AnalysisInput? {
            var input = AnalysisInput(score: 0)
            var seen: UInt16 = 0
            guard consume(UInt8(ascii: "{")) else { return nil }
            if !consume(UInt8(ascii: "}")) {
                repeat {
                    guard let name = stringBytes(), consume(UInt8(ascii: ":")) else { return nil }
                    guard let key = Key(name) else {
                        guard skipScalar() else { return nil }
                        continue
                    }
                    guard seen & AnalysisInputReader.bit(key) == 0, assign(key, to: &input) else { return nil }
                    seen |= AnalysisInputReader.bit(key)
                } while consume(UInt8(ascii: ","))
                guard consume(UInt8(ascii: "}")) else { return nil }
            }
            return seen & AnalysisInputReader.bit(.score) != 0 ? input : nil
        }

        /// Whether only whitespace is left.
        var atEnd: Bool {
            mutating get {
                skipWhitespace()
                return index == bytes.count
            }
        }

        /// Reads the value of `key` into `input`.
        mutating func assign(_ key: Key, to input: inout AnalysisInput) -> Bool {
            if consumeLiteral("null") {
                return key != .score  // a null score is an error: JSONDecoder words it
            }
            switch key {
            case .gameMode:
                guard let text = string() else { return false }
                input.gameMode = text
            case .difficulty:
                guard let number = integer() else { return false }
                input.difficulty = number
            case .durationMinutes, .score, .age, .startSpeed:
                guard let value = number() else { return false }
                switch key {
                case .durationMinutes: input.durationMinutes = value
                case .score: input.score = value
                case .age: input.age = value
                default: input.startSpeed = value
                }
            case .userId:
                if let text = string() {
                    input.userId = text
                } else if let number = integer() {
                    input.userId = String(number)
                } else {
                    return false
                }
            case .targetPolicy:
                // An unknown policy is an error: JSONDecoder words it.
                guard let text = string(), let policy = TargetPolicyKind(rawValue: text) else { return false }
                input.targetPolicy = policy
            case .recentScores:
                guard let scores = numbers() else { return false }
                input.recentScores = scores
            }
            return true
        }

        /// A string without escapes or control characters, as valid UTF-8.
        mutating func string() -> String? {
            guard let text = stringBytes() else { return nil }
            let utf8 = UnsafeRawBufferPointer(rebasing: text)
            return utf8.allSatisfy({ $0 < 0x80 }) ? String(decoding: utf8, as: UTF8.self) : String(validating: utf8, as: UTF8.self)
        }

        /// The bytes between the quotes of a string without escapes or control characters.
        mutating func stringBytes() -> UnsafeRawBufferPointer.SubSequence? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return bytes[start..<(index - 1)]
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                index += 1
            }
            return nil
        }

        /// A JSON number (RFC 8259's grammar) that is a finite `Double`.
        mutating func number() -> Double? {
            skipWhitespace()
            let start = index
            _ = consumeByte(UInt8(ascii: "-"))
            guard digits(leadingZeroAlone: true) else { return nil }
            if consumeByte(UInt8(ascii: ".")) {
                guard digits(leadingZeroAlone: false) else { return nil }
            }
            if consumeByte(UInt8(ascii: "e")) || consumeByte(UInt8(ascii: "E")) {
                if !consumeByte(UInt8(ascii: "+")) { _ = consumeByte(UInt8(ascii: "-")) }
                guard digits(leadingZeroAlone: false) else { return nil }
            }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let value = Double(text), value.isFinite else { return nil }
            return value
        }

        /// A JSON array of numbers (`[]` included).
        mutating func numbers() -> [Double]? {
            guard consume(UInt8(ascii: "[")) else { return nil }
            var values: [Double] = []
            if consume(UInt8(ascii: "]")) { return values }
            repeat {
                guard let value = number() else { return nil }
                values.append(value)
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "]")) ? values : nil
        }

        /// A JSON integer literal (no fraction or exponent) of at most 15 digits.
        mutating func integer() -> Int? {
            skipWhitespace()
            let start = index
            let negative = consumeByte(UInt8(ascii: "-"))
            guard digits(leadingZeroAlone: true) else { return nil }
            let count = index - start - (negative ? 1 : 0)
            guard count <= 15, index == bytes.count || !"eE.".utf8.contains(bytes[index]) else { return nil }
            var value = 0
            for byte in bytes[(start + (negative ? 1 : 0))..<index] { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
            return negative ? -value : value
        }

        /// Skips a scalar value of a key the input does not have.
        mutating func skipScalar() -> Bool {
            if consumeLiteral("null") || consumeLiteral("true") || consumeLiteral("false") { return true }
            skipWhitespace()
            guard index < bytes.count else { return false }
            return bytes[index] == UInt8(ascii: "\"") ? string() != nil : number() != nil
        }

        /// One or more digits; with `leadingZeroAlone`, a leading 0 must be the only digit.
        mutating func digits(leadingZeroAlone: Bool) -> Bool {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > start else { return false }
            return !leadingZeroAlone || bytes[start] != UInt8(ascii: "0") || index == start + 1
        }

        mutating func consumeLiteral(_ literal: StaticString) -> Bool {
            skipWhitespace()
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
            index += count
            return true
        }

        /// Skips whitespace, then consumes `byte` if it is next.
        mutating func consume(_ byte: UInt8) -> Bool {
            skipWhitespace()
            return consumeByte(byte)
        }

        mutating func consumeByte(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }
    }
}
