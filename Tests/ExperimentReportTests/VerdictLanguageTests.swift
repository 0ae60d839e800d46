import Foundation
import MotivationEngine
import Testing

@testable import ExperimentReport

/// The verdict's sentences come from the language files' texts, in every language.
@Suite("Retention verdict: in every language")
struct VerdictLanguageTests {
    typealias F = ReportFixtures

    /// Outcomes that reach every kind of sentence: no players; no control; control without a
    /// complete window; an arm without players, one without a window, a claim either way, no
    /// evidence; the sample warning with and without players in the smallest arm.
    static let cases: [[ExposureOutcome]] = [
        [],
        [F.outcome(arm: "personal", daysAgo: 30, daysToNextWorkout: 3)],
        [F.outcome(arm: "control", daysAgo: 2), F.outcome(arm: "personal", daysAgo: 30)],
        [F.outcome(arm: "control", daysAgo: 30), F.outcome(arm: "personal", daysAgo: 3), F.outcome(arm: "tone", daysAgo: 3)],
        (0..<40).map { F.outcome(arm: "control", daysAgo: 30, daysToNextWorkout: $0 < 20 ? 1 : nil) }
            + (0..<40).map { F.outcome(arm: "personal", daysAgo: 30, daysToNextWorkout: $0 < 38 ? 1 : nil) }
            + (0..<40).map { F.outcome(arm: "tone", daysAgo: 30, daysToNextWorkout: $0 < 22 ? 1 : nil) }
            + (0..<40).map { F.outcome(arm: "cohort", daysAgo: 30, daysToNextWorkout: $0 < 2 ? 1 : nil) },
    ]

    static func verdicts(_ language: Language) throws -> [String] {
        try cases.flatMap { outcomes in
            var settings = RetentionReportSettings(asOf: F.asOf, plannedArms: ["control", "cohort", "personal", "tone"])
            settings.language = language
            return try RetentionReport(outcomes: outcomes, settings: settings, experiment: "targets").verdict
        }
    }

    /// Words of the English sentences that are no German or French word.
    static let englishWords = [
        "players", "player", "control arm", "yet", "returned", "often", "than", "evidence", " ci ", "per arm",
        "needed", "keep the", "running", "interval includes", "window", "shown", "targets", "compared", "nothing", "power)",
    ]

    @Test("the cases reach every kind of sentence: claims both ways, no evidence, each warning")
    func coverage() throws {
        let english = try Self.verdicts(.en).joined(separator: "\n")
        for part in [
            "more often", "less often", "No evidence", "No one among", "No players shown", "Only ", "No player in the",
            "No players are in the control arm", "No control player", "nothing to compare",
        ] {
            #expect(english.contains(part), "\(part)")
        }
    }

    @Test("German and French verdicts leave no English behind and keep every number", arguments: [Language.de, .fr])
    func translated(language: Language) throws {
        let english = try Self.verdicts(.en), translated = try Self.verdicts(language)
        #expect(translated.count == english.count)
        for (theirs, ours) in zip(english, translated) {
            #expect(theirs != ours)
            for word in Self.englishWords {
                #expect(!ours.lowercased().contains(word.lowercased()), "“\(word)” in: \(ours)")
            }
            // The digits of every number survive (decimal commas aside).
            let digits = { (text: String) in text.filter(\.isNumber).count }
            #expect(digits(ours) >= digits(theirs) - 1, "\(theirs) → \(ours)")
        }
    }

    @Test("numbers follow the language: Swiss German 1’565 and 95 %, Swiss French 1 565 and decimal commas")
    func numbers() throws {
        let german = try Self.verdicts(.de).joined(separator: "\n"), french = try Self.verdicts(.fr).joined(separator: "\n")
        #expect(german.contains("1\u{2019}565") && german.contains("95 %-KI") && german.contains("Prozentpunkte"))
        #expect(french.contains("1\u{202F}565") && french.contains("IC à 95\u{202F}%"))
        #expect(french.range(of: #"[+−]\d+,\d"#, options: .regularExpression) != nil)
    }
}
