/// One of the fixed sentences of a language file (`TextKey`), parsed once: literal text and
/// `{name}` placeholders, with `{{` and `}}` for literal braces, as in the message templates.
public struct TextTemplate: Sendable, Hashable {
    /// A piece of the sentence.
    enum Piece: Sendable, Hashable {
        case literal(String)
        case placeholder(String)
    }

    /// The sentence as written in the file.
    public let source: String
    let pieces: [Piece]

    /// The placeholder names the sentence uses.
    public var placeholders: Set<String> {
        Set(pieces.compactMap { if case .placeholder(let name) = $0 { name } else { nil } })
    }

    /// Why a sentence could not be parsed.
    enum ParseError: Error {
        /// A `{` without its `}`, or a `}` without its `{`.
        case unbalancedBrace
    }

    /// Parses `source`.
    init(parsing source: String) throws(ParseError) {
        self.source = source
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(source)
        while let next = rest.first {
            if next == "{" || next == "}" {
                if rest.dropFirst().first == next {
                    literal.append(next)
                    rest = rest.dropFirst(2)
                    continue
                }
                guard next == "{", let close = rest.firstIndex(of: "}"), !rest[rest.index(after: rest.startIndex)..<close].contains("{")
                else { throw .unbalancedBrace }
                if !literal.isEmpty { pieces.append(.literal(literal)) }
                literal = ""
                pieces.append(.placeholder(String(rest[rest.index(after: rest.startIndex)..<close])))
                rest = rest[rest.index(after: close)...]
                continue
            }
            literal.append(next)
            rest = rest.dropFirst()
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }

    /// The sentence with each placeholder replaced by its value (a missing value leaves it empty).
    func render(_ values: [String: String]) -> String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .literal(let literal): text += literal
            case .placeholder(let name): text += values[name] ?? ""
            }
        }
        return text
    }
}
