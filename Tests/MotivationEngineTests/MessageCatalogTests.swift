import Foundation
import Testing

@testable import MotivationEngine

@Suite("Message catalog: shipped templates")
struct MessageCatalogTests {
    static let values = MessageValues(
        points: 11000, target: 161_000, targetPercentile: 75, percentile: 68.4,
        level: "Advanced", nextLevel: "Expert", segment: "DualFlow · Expert · 10 min")

    /// A minus sign (hyphen or U+2212) directly before a digit.
    static func hasNegativeNumber(_ text: String) -> Bool {
        let characters = Array(text)
        return characters.indices.dropLast().contains {
            (characters[$0] == "-" || characters[$0] == "\u{2212}") && characters[$0 + 1].isNumber
        }
    }

    @Test("the shipped files load and validate")
    func bundledLoads() throws {
        let catalog = try MessageCatalog.bundled()
        for language in Language.allCases {
            #expect(catalog.sourceFile(for: language) == "\(language.rawValue).json")
        }
        #expect(MessageCatalog.bundledDirectory != nil)
    }

    @Test("every language has every status with at least 3 variants", arguments: Language.allCases)
    func completeness(language: Language) {
        for status in TargetStatus.allCases {
            #expect(
                MessageCatalog.shared.templates(for: status, language: language).count >= 3,
                "\(language) \(status)")
        }
    }

    @Test("every language uses the same placeholders per status as English", arguments: Language.allCases)
    func placeholderParity(language: Language) {
        for status in TargetStatus.allCases {
            #expect(
                MessageCatalog.shared.placeholders(for: status, language: language)
                    == MessageCatalog.shared.placeholders(for: status, language: .en), "\(language) \(status)")
        }
    }

    @Test("English names the points and the target in every status that shows one, and no number without a target")
    func essentialPlaceholders() {
        for status in TargetStatus.allCases {
            let needed: Set<MessagePlaceholder> =
                switch status {
                case .noTarget: []
                case .personalLevelReached: [.target]  // reached: no points are owed
                default: [.points, .target]
                }
            for template in MessageCatalog.shared.templates(for: status, language: .en) {
                #expect(template.placeholders.isSuperset(of: needed), "\(template.source)")
                if status == .noTarget {
                    #expect(template.placeholders.isDisjoint(with: [.points, .target, .percentile, .targetPercentile]))
                }
            }
        }
        #expect(MessageCatalog.shared.placeholders(for: .topOfRange, language: .en).contains(.nextLevel))
    }

    @Test("no denied word in any template or rendered message", arguments: Language.allCases)
    func tone(language: Language) {
        for status in TargetStatus.allCases {
            for template in MessageCatalog.shared.templates(for: status, language: language) {
                #expect(MessageTone.deniedWords(in: template.source, language: language).isEmpty, "\(template.source)")
                let text = MessageCatalog.shared.render(template, language: language, values: Self.values)
                #expect(MessageTone.deniedWords(in: text, language: language).isEmpty, "\(text)")
            }
        }
    }

    @Test("messages are short: one or two sentences, at most 180 characters", arguments: Language.allCases)
    func short(language: Language) {
        for status in TargetStatus.allCases {
            for template in MessageCatalog.shared.templates(for: status, language: language) {
                let text = MessageCatalog.shared.render(template, language: language, values: Self.values)
                #expect(text.count <= 180, "\(text)")
                // Sentence ends in the template itself (German ordinals add dots only when rendered).
                let characters = Array(template.source)
                let ends = characters.indices.filter { index in
                    ".!?".contains(characters[index])
                        && (index + 1 == characters.count || characters[index + 1].isWhitespace)
                }
                #expect(ends.count <= 2, "\(template.source)")
            }
        }
    }

    @Test("French typography: narrow no-break space before ! ? : ; and inside « »")
    func frenchTypography() {
        for status in TargetStatus.allCases {
            for template in MessageCatalog.shared.templates(for: status, language: .fr) {
                let characters = Array(template.source)
                var depth = 0
                for (index, character) in characters.enumerated() {
                    if character == "{" { depth += 1 }
                    if character == "}" { depth -= 1 }
                    if depth == 0 && "!?:;»".contains(character) {
                        #expect(index > 0 && characters[index - 1] == "\u{202F}", "\(template.source)")
                    }
                    if character == "«" {
                        #expect(index + 1 < characters.count && characters[index + 1] == "\u{202F}", "\(template.source)")
                    }
                }
                #expect(!template.source.contains("'"), "typographic apostrophe ’: \(template.source)")
            }
        }
    }

    @Test("informal address: du / tu, never Sie / vous")
    func informalAddress() {
        for status in TargetStatus.allCases {
            for template in MessageCatalog.shared.templates(for: status, language: .de) {
                let words = MessageTone.words(of: template.source)
                #expect(!words.contains("sie") && !words.contains("ihr") && !words.contains("ihnen"), "\(template.source)")
            }
            for template in MessageCatalog.shared.templates(for: status, language: .fr) {
                let words = MessageTone.words(of: template.source)
                #expect(!words.contains("vous") && !words.contains("votre"), "\(template.source)")
            }
        }
    }

    @Test("every status in every language shows the formatted numbers", arguments: Language.allCases)
    func rendering(language: Language) {
        let style = language.numberStyle
        let points = style.format(integer: 11000)
        let target = style.format(integer: 161_000)
        let targetPercentile = style.ordinal(75)
        let percentile = style.ordinal(68)
        let level = MessageCatalog.shared.levelName("Advanced", language: language)
        let nextLevel = MessageCatalog.shared.levelName("Expert", language: language)
        for status in TargetStatus.allCases {
            for template in MessageCatalog.shared.templates(for: status, language: language) {
                let text = MessageCatalog.shared.render(template, language: language, values: Self.values)
                let uses = template.placeholders
                #expect(!text.contains("{") && !text.contains("}"), "\(text)")
                #expect(!Self.hasNegativeNumber(text), "no negative number: \(text)")
                if uses.contains(.points) { #expect(text.contains(points), "\(text)") }
                if uses.contains(.target) { #expect(text.contains(target), "\(text)") }
                if uses.contains(.targetPercentile) { #expect(text.contains(targetPercentile), "\(text)") }
                if uses.contains(.percentile) { #expect(text.contains(percentile), "\(text)") }
                if uses.contains(.level) { #expect(text.contains(level), "\(text)") }
                if uses.contains(.nextLevel) { #expect(text.contains(nextLevel), "\(text)") }
                if uses.contains(.segment) { #expect(text.contains("DualFlow · Expert · 10 min"), "\(text)") }
            }
        }
    }

    @Test("concrete renderings")
    func examples() {
        let catalog = MessageCatalog.shared
        let approaching = catalog.templates(for: .approaching, language: .en)[0]
        #expect(
            catalog.render(approaching, language: .en, values: Self.values)
                == "So close! 11,000 points to go to reach 161,000, the 75th percentile.")
        let german = catalog.templates(for: .approaching, language: .de)[0]
        #expect(
            catalog.render(german, language: .de, values: Self.values)
                == "Ganz nah dran! Noch 11’000 Punkte bis 161’000, dem 75. Perzentil.")
        let french = catalog.templates(for: .approaching, language: .fr)[0]
        #expect(
            catalog.render(french, language: .fr, values: Self.values)
                == "Tout près\u{202F}! Encore 11\u{202F}000 points pour atteindre 161\u{202F}000, le 75e centile.")
        let inRange = catalog.templates(for: .inRange, language: .de)[0]
        #expect(catalog.render(inRange, language: .de, values: Self.values).contains("«Fortgeschritten»"))
    }

    @Test("points below zero are shown as 0, never as a negative number", arguments: Language.allCases)
    func negativePoints(language: Language) {
        var values = Self.values
        values.points = -250
        for status in TargetStatus.allCases {
            for template in MessageCatalog.shared.templates(for: status, language: language)
            where template.placeholders.contains(.points) {
                let text = MessageCatalog.shared.render(template, language: language, values: values)
                #expect(!Self.hasNegativeNumber(text) && !text.contains("250"), "\(text)")
            }
        }
    }

    @Test("one point is singular in every language; French counts 0 as singular too", arguments: Language.allCases)
    func plurals(language: Language) {
        var values = Self.values
        for points in [0.0, 0.4, 1, 2, 11000] {
            values.points = points
            for status in TargetStatus.allCases {
                for template in MessageCatalog.shared.templates(for: status, language: language) {
                    let text = MessageCatalog.shared.render(template, language: language, values: values)
                    let whole = NumberStyle.wholeScore(points)
                    switch language {
                    case .en:
                        #expect(!text.contains(" 1 points") && !text.contains(" 1 more points"), "\(text)")
                        if whole != 1 { #expect(!text.contains(" \(whole) point ") && !text.contains(" \(whole) more point "), "\(text)") }
                    case .de:
                        #expect(!text.contains(" 1 Punkte") && !text.contains(" 1 weiteren Punkten") && !text.contains("die 1 "), "\(text)")
                    case .fr:
                        #expect(!text.contains(" 1 points") && !text.contains(" 0 points") && !text.contains("les 1 "), "\(text)")
                    }
                }
            }
        }
        values.points = 1
        let english = MessageCatalog.shared.templates(for: .approaching, language: .en)[0]
        #expect(
            MessageCatalog.shared.render(english, language: .en, values: values)
                == "So close! 1 point to go to reach 161,000, the 75th percentile.")
        let german = MessageCatalog.shared.templates(for: .approaching, language: .de)[2]
        #expect(MessageCatalog.shared.render(german, language: .de, values: values).contains("kann dir den 1 Punkt bis"))
    }

    @Test("an unknown level label is shown as it is")
    func unknownLevel() {
        #expect(MessageCatalog.shared.levelName("Level 7", language: .fr) == "Level 7")
        #expect(MessageCatalog.shared.levelName("Beginner", language: .fr) == "Débutant")
        #expect(MessageCatalog.shared.levelName("Expert", language: .de) == "Experte")
    }
}

@Suite("Message catalog: variant choice")
struct MessageVariantTests {
    @Test("FNV-1a 64 reference values")
    func fnv() {
        #expect(StableHash.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(StableHash.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test("the same key gets the same sentence, in every catalog instance")
    func deterministic() throws {
        let reloaded = try MessageCatalog(directory: #require(MessageCatalog.bundledDirectory), fallback: nil)
        for language in Language.allCases {
            for status in TargetStatus.allCases {
                for key in ["player-42", "7", "", "Zoë"] {
                    let first = MessageCatalog.shared.message(
                        for: status, language: language, values: MessageCatalogTests.values, variantKey: key)
                    let second = MessageCatalog.shared.message(
                        for: status, language: language, values: MessageCatalogTests.values, variantKey: key)
                    let third = reloaded.message(
                        for: status, language: language, values: MessageCatalogTests.values, variantKey: key)
                    #expect(first == second && second == third)
                }
            }
        }
        // Pinned: the hash must never change between releases (players would see new wording).
        #expect(
            MessageCatalog.shared.variantIndex(for: .approaching, language: .en, variantKey: "foobar")
                == Int(0x8594_4171_f739_67e8 % UInt64(3)))
    }

    @Test("different keys spread over all variants", arguments: TargetStatus.allCases)
    func spread(status: TargetStatus) {
        let count = MessageCatalog.shared.templates(for: status, language: .en).count
        var hits = [Int](repeating: 0, count: count)
        let keys = 600
        for i in 0..<keys {
            hits[MessageCatalog.shared.variantIndex(for: status, language: .en, variantKey: "user-\(i)")] += 1
        }
        for hit in hits {
            #expect(hit >= keys / count / 2, "variant hits \(hits)")
        }
        var texts = Set<String>()
        for i in 0..<60 {
            texts.insert(
                MessageCatalog.shared.message(
                    for: status, language: .en, values: MessageCatalogTests.values, variantKey: "\(i)"))
        }
        #expect(texts.count == count)
    }

    @Test("top_of_range without a next level never names one")
    func topWithoutNextLevel() {
        var values = MessageCatalogTests.values
        values.nextLevel = nil
        values.level = "Expert"
        for language in Language.allCases {
            let allowed = Set(
                MessageCatalog.shared.templates(for: .topOfRange, language: language)
                    .filter { !$0.placeholders.contains(.nextLevel) }
                    .map { MessageCatalog.shared.render($0, language: language, values: values) })
            #expect(!allowed.isEmpty)
            for i in 0..<50 {
                let text = MessageCatalog.shared.message(
                    for: .topOfRange, language: language, values: values, variantKey: "p\(i)")
                #expect(allowed.contains(text), "\(text)")
            }
        }
    }
}
