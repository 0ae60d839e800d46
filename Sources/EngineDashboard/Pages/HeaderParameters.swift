import EngineServer

/// A header value with parameters (RFC 9110 §5.6.6), such as `multipart/form-data; boundary=x`
/// or `form-data; name="file"; filename="players.csv"`: read byte by byte with every index
/// checked, so that no value can trap.
struct HeaderParameters: Equatable {
    /// The value before the parameters, in lower case (`multipart/form-data`, `form-data`).
    let value: String
    /// The parameters by name in lower case, their values unquoted.
    let parameters: [String: String]

    /// The value and parameters of `text`; nil when it does not follow the grammar (a character
    /// outside a token or quoted string, an unclosed quote, a parameter named twice).
    init?(_ text: some Collection<UInt8>) {
        var reader = Reader(bytes: Array(text))
        reader.skipSpace()
        guard let value = reader.token(allowingSlash: true) else { return nil }
        var parameters: [String: String] = [:]
        while true {
            reader.skipSpace()
            guard !reader.atEnd else { break }
            guard reader.consume(UInt8(ascii: ";")) else { return nil }
            reader.skipSpace()
            // A trailing or doubled ";" adds no parameter (some clients send one).
            if reader.atEnd || reader.next == UInt8(ascii: ";") { continue }
            guard let name = reader.token(allowingSlash: false), reader.consume(UInt8(ascii: "=")),
                let parameter = reader.next == UInt8(ascii: "\"") ? reader.quotedString() : reader.token(allowingSlash: false),
                parameters.updateValue(parameter, forKey: name.lowercased()) == nil
            else { return nil }
        }
        self.value = value.lowercased()
        self.parameters = parameters
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }
        var next: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard next == byte else { return false }
            index += 1
            return true
        }

        mutating func skipSpace() {
            while next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") { index += 1 }
        }

        /// One or more token characters (and `/`, for a media type).
        mutating func token(allowingSlash: Bool) -> String? {
            let start = index
            while let byte = next, byte.isTokenCharacter || (allowingSlash && byte == UInt8(ascii: "/")) { index += 1 }
            return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }

        /// A quoted string without its quotes and escapes; UTF-8 bytes in it are kept.
        mutating func quotedString() -> String? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            var text: [UInt8] = []
            while let byte = next {
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: text, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let escaped = next, escaped.isFieldValueCharacter else { return nil }
                    index += 1
                    text.append(escaped)
                case _ where byte.isFieldValueCharacter:
                    text.append(byte)
                default:
                    return nil
                }
            }
            return nil
        }
    }
}

extension UInt8 {
    /// A `tchar` of RFC 9110 §5.6.2: a letter, a digit or one of ``!#$%&'*+-.^_`|~``.
    var isTokenCharacter: Bool {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(self)
        }
    }

    /// A character a header value may hold (RFC 9110 §5.5): a space, a tab, a visible ASCII
    /// character or `obs-text` (a byte from 0x80, as UTF-8 text is sent); not a control character.
    var isFieldValueCharacter: Bool {
        self == UInt8(ascii: "\t") || (0x20...0x7E).contains(self) || self >= 0x80
    }
}
