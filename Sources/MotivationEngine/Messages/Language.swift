/// A language the motivational messages are written in, with the number conventions that go
/// with it (Swiss conventions for German and French, as the players are mostly in Switzerland).
public enum Language: String, Codable, CaseIterable, Sendable {
    /// English: `11,000`, `68.4`, `68th`.
    case en
    /// Swiss German: `11’000` (U+2019 as the grouping mark), `68.4`, `68.`.
    case de
    /// Swiss French: `11 000` (U+202F narrow no-break space as the grouping mark), `68,4`, `68e`, `1er`.
    case fr

    /// The language of a language tag or locale identifier: `"de"`, `"de-CH"`, `"fr_CH"`, `"EN"`,
    /// `"en-GB"`. Case-insensitive; only the primary language subtag counts. `nil` for anything else.
    public init?(identifier: String) {
        var primary = Substring(identifier)
        while let first = primary.first, first == " " || first == "\t" { primary = primary.dropFirst() }
        while let last = primary.last, last == " " || last == "\t" { primary = primary.dropLast() }
        if let cut = primary.firstIndex(where: { $0 == "-" || $0 == "_" || $0 == "." || $0 == "@" }) {
            primary = primary[..<cut]
        }
        switch primary.lowercased() {
        case "en", "eng": self = .en
        case "de", "deu", "ger", "gsw": self = .de
        case "fr", "fra", "fre": self = .fr
        default: return nil
        }
    }

    /// The number conventions of this language.
    public var numberStyle: NumberStyle { NumberStyle(language: self) }
}
