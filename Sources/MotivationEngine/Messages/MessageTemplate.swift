/// One message variant, parsed once at load time into literal and placeholder pieces so that
/// rendering is a single pass of byte appends.
public struct MessageTemplate: Sendable, Hashable {
    /// A piece of a template.
    public enum Piece: Sendable, Hashable {
        /// Text copied as it is.
        case literal(String)
        /// A value filled in at render time.
        case placeholder(MessagePlaceholder)
        /// `{plural:one|other}`: the singular or plural wording for the `{points}` count
        /// (singular for 1 in English and German, for 0 and 1 in French).
        case plural(one: String, other: String)
    }

    /// The template as written in the file.
    public let source: String
    /// The parsed pieces.
    public let pieces: [Piece]
    /// The placeholders the template uses.
    public let placeholders: Set<MessagePlaceholder>
    /// Bytes of literal text, to size the output buffer.
    let literalByteCount: Int

    /// Why a template could not be parsed.
    public enum ParseError: Error, Sendable, Hashable {
        /// `{name}` with a name that is not a `MessagePlaceholder`.
        case unknownPlaceholder(String)
        /// A `{` without its `}`, or a `}` without its `{`.
        case unbalancedBrace
        /// Nothing but whitespace.
        case empty
        /// A `{plural:…}` that is not `{plural:one|other}`, or a plural in a template without `{points}`.
        case invalidPlural(String)
    }

    /// Parses `source`. `{name}` is a placeholder; `{plural:one|other}` picks a wording by the
    /// `{points}` count (`{points} {plural:point|points} to go`); `{{` and `}}` stand for literal braces.
    public init(parsing source: String) throws(ParseError) {
        if source.allSatisfy(\.isWhitespace) { throw .empty }
        let bytes = Array(source.utf8)
        var pieces: [Piece] = []
        var placeholders: Set<MessagePlaceholder> = []
        var literal: [UInt8] = []
        var literalCount = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "{") {
                if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "{") {
                    literal.append(byte)
                    index += 2
                    continue
                }
                guard let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")) else {
                    throw .unbalancedBrace
                }
                let nameBytes = bytes[(index + 1)..<close]
                if nameBytes.contains(UInt8(ascii: "{")) { throw .unbalancedBrace }
                let name = String(decoding: nameBytes, as: UTF8.self)
                let piece: Piece
                if name.hasPrefix("plural:") {
                    let forms = name.dropFirst("plural:".count).split(separator: "|", omittingEmptySubsequences: false)
                    guard forms.count == 2, !(forms[0].isEmpty && forms[1].isEmpty) else {
                        throw .invalidPlural("{\(name)} must be {plural:one|other}")
                    }
                    piece = .plural(one: String(forms[0]), other: String(forms[1]))
                    literalCount += max(forms[0].utf8.count, forms[1].utf8.count)
                } else if let placeholder = MessagePlaceholder(rawValue: name) {
                    piece = .placeholder(placeholder)
                    placeholders.insert(placeholder)
                } else {
                    throw .unknownPlaceholder(name)
                }
                if !literal.isEmpty {
                    pieces.append(.literal(String(decoding: literal, as: UTF8.self)))
                    literalCount += literal.count
                    literal = []
                }
                pieces.append(piece)
                index = close + 1
            } else if byte == UInt8(ascii: "}") {
                guard index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "}") else {
                    throw .unbalancedBrace
                }
                literal.append(byte)
                index += 2
            } else {
                literal.append(byte)
                index += 1
            }
        }
        if !literal.isEmpty {
            pieces.append(.literal(String(decoding: literal, as: UTF8.self)))
            literalCount += literal.count
        }
        let hasPlural = pieces.contains { if case .plural = $0 { true } else { false } }
        if hasPlural && !placeholders.contains(.points) {
            throw .invalidPlural("{plural:…} counts {points}, which this message does not use")
        }
        self.source = source
        self.pieces = pieces
        self.placeholders = placeholders
        self.literalByteCount = literalCount
    }

    /// The template's text with placeholders shown as `{name}` and no values filled in; the
    /// words a reader sees apart from the values (used by the tone check).
    var literalText: String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .literal(let literal): text += literal
            case .placeholder: text += " "
            case .plural(let one, let other): text += " \(one) \(other) "
            }
        }
        return text
    }
}
