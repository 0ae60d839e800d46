/// The tone rule every message template must pass: no word that belittles, blames or compares
/// a player downwards. The catalog rejects a template with a denied word when it loads, so an
/// edited language file cannot bring one in.
///
/// Matching is whole-word and case-insensitive: text is split at every character that is not a
/// letter or digit (so `t’entraîner` is `t` + `entraîner`), and a denied entry of several words
/// matches those words in a row.
public enum MessageTone {
    /// The denied words and phrases of `language`, lower-case.
    public static func deniedWords(for language: Language) -> [String] {
        switch language {
        case .en: english
        case .de: german
        case .fr: french
        }
    }

    /// The denied words and phrases that occur in `text`, in deny-list order.
    public static func deniedWords(in text: String, language: Language) -> [String] {
        let tokens = words(of: text)
        guard !tokens.isEmpty else { return [] }
        var found: [String] = []
        for entry in deniedWords(for: language) {
            let phrase = words(of: entry)
            guard !phrase.isEmpty, phrase.count <= tokens.count else { continue }
            for start in 0...(tokens.count - phrase.count)
            where tokens[start..<(start + phrase.count)].elementsEqual(phrase) {
                found.append(entry)
                break
            }
        }
        return found
    }

    /// The lower-case words of `text`.
    static func words(of text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    static let english = [
        "only", "just", "merely", "barely", "simply",
        "fail", "fails", "failed", "failing", "failure",
        "poor", "poorly", "bad", "badly", "behind", "below", "bottom",
        "worse", "worst", "weak", "weaker", "weakest", "lazy", "slow", "slower",
        "disappointing", "disappointed", "disappointment", "mediocre", "lousy", "pathetic",
        "loser", "useless", "lagging", "terrible", "awful", "shame", "embarrassing",
        "lowest", "last place", "not good enough", "fall short", "fell short", "falling short",
    ]

    static let german = [
        "nur", "bloss", "bloß", "lediglich", "kaum",
        "schlecht", "schlechter", "schlechte", "schlechten", "schlechteste", "schlechtesten",
        "schwach", "schwache", "schwacher", "schwachen", "schwächer", "schwächste",
        "versagt", "versagen", "versager", "gescheitert", "scheitern",
        "hinten", "hinterher", "rückstand", "zurückgefallen", "zurückliegen", "unterhalb",
        "faul", "enttäuschend", "enttäuscht", "enttäuschung", "mittelmässig", "mittelmäßig",
        "langsam", "mies", "erbärmlich", "peinlich", "schade", "letzter platz",
        "nicht gut genug",
    ]

    static let french = [
        "seulement", "juste", "uniquement", "à peine",
        "échoué", "échec", "échecs", "échouer", "raté", "rater",
        "mauvais", "mauvaise", "mauvaises", "mal", "pire", "faible", "faibles",
        "derrière", "retard", "en dessous", "paresseux", "paresseuse",
        "décevant", "décevante", "déçu", "déçue", "déception", "médiocre",
        "lent", "lente", "nul", "nulle", "lamentable", "honte", "dernière place",
        "pas assez", "insuffisant", "insuffisante",
    ]
}
