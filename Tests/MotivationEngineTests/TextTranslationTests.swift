import Foundation
import Testing

@testable import MotivationEngine

/// The target reasons come from the language files' `"texts"`, as the messages do.
@Suite("Texts: target reasons in every language")
struct TextTranslationTests {
    /// Every reason sentence of `language`, with the numbers of a typical player.
    static func reasons(_ language: Language) -> [String] {
        let wording = ReasonWording(language, catalog: .shared)
        let segment = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10).name(in: language).full
        let aged = wording.cohortAged(percentile: 75, segment: segment)
        let step = wording.personalStepAged(percent: 2, segment: segment)
        let context = AgeContext(age: 88, readAt: 80, clamped: .aboveOldest)
        return [
            wording.cohort(percentile: 75, population: 1_231, segment: segment),
            aged.before + "24" + aged.after,
            wording.everyAge(wording.cohort(percentile: 90, population: 231, segment: segment)),
            wording.clamped(context, to: .aboveOldest), wording.clamped(context, to: .belowYoungest),
            step.before + "24" + step.after,
            wording.personalStep(percent: 2, population: 231, segment: segment),
            wording.personal(percentile: 60, games: 9), wording.personal(percentile: 60, games: 1),
            wording.fallback(minimum: 3, days: 28, have: 2),
            wording.withinReach(percentile: 90, games: 9, reach: 175_000),
            wording.beyondReach(cohortTarget: 171_000, reach: 150_000),
            wording.levelReached(score: 150_000),
        ]
    }

    /// English words of the reasons that are no German or French word.
    static let englishWords = [
        "players", "percentile of", "aged about", "every age", "no age given", "read at", "oldest", "youngest", "your",
        "above", "games", "a personal target", "so far", "within reach", "beyond", "today", "hold that level", "difficulty",
    ]

    @Test("segment names come from the texts: Expert difficulty named as a difficulty in every language")
    func segmentNames() {
        let expert = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10)
        let two = SegmentKey(gameMode: "SphereRun", difficulty: 2, durationMinutes: 5)
        #expect(expert.name(in: .en).full == "DualFlow · Expert difficulty · 10 min")
        #expect(expert.name(in: .de).full == "DualFlow · Schwierigkeit Expert · 10 Min.")
        #expect(two.name(in: .fr) == SegmentName(difficulty: "difficulté 2", full: "SphereRun · difficulté 2 · 5 min"))
    }

    @Test("English reads as it always did")
    func english() {
        let reasons = Self.reasons(.en)
        #expect(reasons[0] == "the 75th percentile of the 1,231 players in DualFlow · Expert difficulty · 10 min")
        #expect(reasons[1] == "the 75th percentile of players aged about 24 in DualFlow · Expert difficulty · 10 min")
        #expect(reasons[3] == " (read at age 80, the oldest in this segment’s data; your age is 88)")
        #expect(reasons[7] == "your 60th percentile over your last 9 games" && reasons[8] == "your 60th percentile over your last game")
        #expect(reasons[10] == ", within reach: the 90th percentile of your last 9 games is 175,000")
    }

    @Test("German and French reasons leave no English behind and keep every number", arguments: [Language.de, .fr])
    func translated(language: Language) {
        for (english, ours) in zip(Self.reasons(.en), Self.reasons(language)) {
            #expect(english != ours)
            for word in Self.englishWords {
                #expect(!ours.lowercased().contains(word), "“\(word)” in: \(ours)")
            }
            let digits = { (text: String) in text.filter(\.isNumber).count }
            #expect(digits(ours) == digits(english), "\(english) → \(ours)")
        }
    }

    /// The shipped `language` file with its `"texts"` changed by `edit`.
    static func edited(_ language: Language, _ edit: (inout [String: Any]) -> Void) throws -> Data {
        let url = try #require(MessageCatalog.bundledDirectory?.appendingPathComponent("\(language.rawValue).json"))
        var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var texts = try #require(root["texts"] as? [String: Any])
        edit(&texts)
        root["texts"] = texts
        return try JSONSerialization.data(withJSONObject: root)
    }

    @Test("a file missing a text, naming an unknown placeholder or leaving one out is refused, naming file and key")
    func refused() throws {
        let missing = try Self.edited(.de) { $0["reason_fallback"] = nil }
        #expect(throws: MessageCatalogError.missingText(file: "de.json", key: "reason_fallback")) {
            try MessageCatalog(contents: [.de: missing])
        }
        let unknown = try Self.edited(.fr) { $0["reason_cohort"] = "le {percentile} centile de {team}" }
        let error = #expect(throws: MessageCatalogError.self) { try MessageCatalog(contents: [.fr: unknown]) }
        #expect(error?.description.hasPrefix("fr.json: text \"reason_cohort\": unknown placeholder {team}") == true)
        let dropped = try Self.edited(.en) { $0["verdict_numbers"] = "{difference} points" }
        #expect(throws: MessageCatalogError.invalidText(file: "en.json", key: "verdict_numbers", reason: "must use {high}")) {
            try MessageCatalog(contents: [.en: dropped])
        }
        let belittling = try Self.edited(.en) { $0["reason_level_reached"] = "; only {score} today, weak" }
        let toneError = #expect(throws: MessageCatalogError.self) { try MessageCatalog(contents: [.en: belittling]) }
        #expect(toneError?.description.contains("breaks the tone rules") == true)
        // Staff read the verdict: its "Only 15 of the 1,534 players …" is not a player's tone.
        #expect(MessageCatalog.shared.text(.verdictSampleSome, language: .en).hasPrefix("Only "))
        let unbalanced = try Self.edited(.en) { $0["percent"] = "{value%" }
        #expect(throws: MessageCatalogError.self) { try MessageCatalog(contents: [.en: unbalanced]) }
    }

    @Test("an operator's file without texts takes the shipped ones; its edited texts are used")
    func fallbackAndEdits() throws {
        let url = try #require(MessageCatalog.bundledDirectory?.appendingPathComponent("de.json"))
        var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        root["texts"] = nil
        let older = try MessageCatalog(contents: [.de: try JSONSerialization.data(withJSONObject: root)])
        #expect(older.text(.lastGame, language: .de) == "deines letzten Spiels")
        let shipped = { (language: Language) in
            try Data(contentsOf: url.deletingLastPathComponent().appendingPathComponent("\(language.rawValue).json"))
        }
        #expect(throws: MessageCatalogError.missingText(file: "de.json", key: "texts")) {
            try MessageCatalog(
                contents: [.en: try shipped(.en), .fr: try shipped(.fr), .de: try JSONSerialization.data(withJSONObject: root)],
                fallback: nil)
        }
        let edited = try MessageCatalog(contents: [.en: try Self.edited(.en) { $0["last_games"] = "{count} rounds" }])
        #expect(ReasonWording(.en, catalog: edited).personal(percentile: 60, games: 4) == "your 60th percentile over your last 4 rounds")
    }
}
