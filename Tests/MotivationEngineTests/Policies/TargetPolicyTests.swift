import Foundation
import TestSupport
import Testing

@testable import MotivationEngine

/// The `personal` and `blended` policies on the round model (the p-th percentile is 1000·p).
@Suite("Targets: personal and blended policies")
struct TargetPolicyTests {
    let engine = Fixtures.roundEngine

    func message(
        _ score: Double, cluster: Int = 1, _ policy: TargetPolicyKind, earlier: [Double], showTarget: Bool = true
    ) -> MotivationalMessage {
        engine.motivationalMessage(
            score: score, cluster: cluster, policy: policy, earlierScores: earlier, variantKey: "k", showTarget: showTarget)
    }

    @Test("personal: the 60th percentile of the window, explained with the window's size")
    func personalPercentile() {
        // Window 40k, 45k, 48k, 50k, 55k: position 0.6 · 4 = 2.4 → 48,000 + 0.4 · 2,000.
        let m = message(48_000, .personal, earlier: [40_000, 50_000, 45_000, 55_000])
        #expect(m.nextTarget == 48_800)
        #expect(m.pointsToNextTarget == 800)
        #expect(m.status == .personalTarget)
        #expect(m.nextTargetPercentile == nil)
        #expect(m.targetPolicy == .personal)
        #expect(
            m.targetReason
                == TargetReason(
                    source: .personal, percentile: 60, population: nil, windowSize: 5,
                    text: "your 60th percentile over your last 5 games"))
        #expect(m.templateId.hasPrefix("personal_target#"))
        #expect(m.message.contains("48,800"))
    }

    @Test("personal: only the last 9 games count, the latest score included")
    func personalWindow() {
        let old = [Double](repeating: 90_000, count: 20)
        let m = message(10_000, .personal, earlier: old + [Double](repeating: 10_000, count: 8))
        #expect(m.targetReason.windowSize == 9)
        #expect(m.nextTarget == 10_000)  // the 90,000 games are out of the window
    }

    @Test("personal: it goes down after weak games as well as up after strong ones")
    func personalFollowsForm() {
        let strong = message(60_000, .personal, earlier: [58_000, 61_000, 60_000, 62_000, 59_000])
        let weak = message(
            30_000, .personal, earlier: [58_000, 61_000, 60_000, 30_000, 31_000, 29_000, 30_500, 30_000])
        #expect(weak.nextTarget < strong.nextTarget)
        let better = message(70_000, .personal, earlier: [58_000, 61_000, 60_000, 62_000, 69_000, 71_000])
        #expect(better.nextTarget > strong.nextTarget)
    }

    @Test("personal: a target at or below today's score says why, and no points are owed")
    func personalBelowScore() {
        let m = message(80_000, .personal, earlier: [40_000, 41_000, 42_000, 43_000])
        #expect(m.nextTarget == 42_400)
        #expect(m.status == .personalLevelReached)
        #expect(m.pointsToNextTarget == 0)
        #expect(
            m.targetReason.text
                == "your 60th percentile over your last 5 games; today's 80,000 is above it, so the target is to hold that level")
        #expect(!m.message.contains("-"))
    }

    @Test("personal: below the minimum history, the cohort target, saying so")
    func personalFallback() {
        let m = message(40_000, .personal, earlier: [41_000])
        let cohort = message(40_000, .cohort, earlier: [])
        #expect(m.nextTarget == cohort.nextTarget)
        #expect(m.status == cohort.status)
        #expect(m.targetPolicy == .personal)
        #expect(m.targetReason.source == .cohort)
        #expect(m.targetReason.text.hasPrefix(cohort.targetReason.text))
        #expect(m.targetReason.text.hasSuffix("; a personal target needs 3 of your games in 28 days, you have 2 so far"))
    }

    @Test("blended: the cohort target when the player's 90th percentile reaches it")
    func blendedWithinReach() {
        // Cohort: cluster 1 at 40,000 (the 40th percentile) → the next rung, the 45th, 45,000.
        // Window P90: 51,600.
        let m = message(40_000, .blended, earlier: [45_000, 52_000, 48_000, 51_000])
        #expect(m.nextTarget == 45_000)
        #expect(m.nextTargetPercentile == 45)
        #expect(m.targetPolicy == .blended)
        #expect(m.targetReason.source == .cohort)
        #expect(m.targetReason.text.hasSuffix(", within reach: the 90th percentile of your last 5 games is 51,600"))
    }

    @Test("blended: the personal target when the cohort target is beyond the player's best recent games")
    func blendedOutOfReach() {
        // Cluster 2's next rung is the 45th percentile, 45,000; the window's P90 is 41,600.
        let m = message(40_000, cluster: 2, .blended, earlier: [38_000, 40_000, 42_000, 41_000])
        #expect(m.nextTarget == 40_400)
        #expect(m.status == .personalTarget)
        #expect(m.targetReason.source == .personal)
        #expect(
            m.targetReason.text
                == "your 60th percentile over your last 5 games (the cohort target of 45,000 is beyond your best recent games, 41,600)")
        let cohort = message(40_000, cluster: 2, .cohort, earlier: [38_000, 40_000, 42_000, 41_000])
        #expect(cohort.nextTarget == 45_000)
    }

    @Test("control: the target is computed but hidden, and the message names no number")
    func hidden() {
        let shown = message(40_000, cluster: 2, .cohort, earlier: [])
        let m = message(40_000, cluster: 2, .cohort, earlier: [], showTarget: false)
        #expect(!m.targetShown && shown.targetShown)
        #expect(m.nextTarget == shown.nextTarget)
        #expect(m.templateId.hasPrefix("no_target#"))
        #expect(!m.message.contains { $0.isNumber })
    }

    @Test("no policy ever shows a target below the score without the reason saying so")
    func neverSilentlyBelow() {
        var random = SplitMix64(seed: 11)
        for _ in 0..<3_000 {
            let score = Double(random.next() % 100_000)
            let earlier = (0..<Int(random.next() % 12)).map { _ in Double(random.next() % 100_000) }
            for policy in TargetPolicyKind.allCases {
                for cluster in 0..<4 {
                    let m = message(score, cluster: cluster, policy, earlier: earlier)
                    #expect(m.nextTarget > score || m.targetReason.text.contains("is above it, so the target is to hold"))
                    #expect(m.pointsToNextTarget >= 0)
                    #expect(!m.targetReason.text.isEmpty)
                }
            }
        }
    }

    @Test("reasons in German and French, numbers in the language's style")
    func localisedReasons() {
        func reason(_ language: Language, _ score: Double, cluster: Int = 1, _ policy: TargetPolicyKind, _ earlier: [Double]) -> String {
            engine.motivationalMessage(
                score: score, cluster: cluster, policy: policy, earlierScores: earlier, language: language
            ).targetReason.text
        }
        let population = Fixtures.roundModel.rows.players
        #expect(
            reason(.de, 40_000, .cohort, [])
                == "das 45. Perzentil der \(population) Spielenden in DualFlow · Schwierigkeit Expert · 10 Min., jeden Alters (kein Alter angegeben)"
        )
        #expect(
            reason(.fr, 40_000, .cohort, [])
                == "le 45e centile des \(population) joueurs en DualFlow · difficulté Expert · 10 min, de tous âges (âge non indiqué)")
        #expect(
            reason(.de, 80_000, .personal, [40_000, 41_000, 42_000, 43_000])
                == "das 60. Perzentil deiner letzten 5 Spiele; deine 80’000 von heute liegen darüber, also gilt es, dieses Niveau zu halten"
        )
        #expect(
            reason(.fr, 40_000, cluster: 2, .blended, [38_000, 40_000, 42_000, 41_000])
                == "ton 60e centile sur tes 5 dernières parties (l’objectif du groupe, 45\u{202F}000, dépasse tes meilleures parties récentes, 41\u{202F}600)"
        )
        #expect(
            reason(.de, 40_000, .blended, [45_000, 52_000, 48_000, 51_000]).hasSuffix(
                ", in Reichweite: das 90. Perzentil deiner letzten 5 Spiele liegt bei 51’600"))
        #expect(
            reason(.fr, 40_000, .personal, [41_000]).hasSuffix(
                "\u{202F}; un objectif personnel demande 3 de tes parties en 28 jours, tu en as 2 pour l’instant"))
        // No English left, no denied word, in any policy and status.
        for language in [Language.de, .fr] {
            for policy in TargetPolicyKind.allCases {
                for (score, earlier) in [(40_000.0, [Double]()), (40_000, [41_000]), (80_000, [40_000, 41_000, 42_000]), (200_000, [])] {
                    for cluster in 0..<4 {
                        let text = reason(language, score, cluster: cluster, policy, earlier)
                        #expect(!text.contains("percentile") && !text.contains("your") && !text.contains("players"), "\(text)")
                        #expect(MessageTone.deniedWords(in: text, language: language).isEmpty, "\(text)")
                    }
                }
            }
        }
    }

    @Test("settings: each setting is checked and named")
    func settings() {
        var s = PersonalTargetSettings.standard
        #expect(s.problem == nil)
        s.minimumWorkouts = 10
        #expect(s.problem?.hasPrefix("minimum_workouts:") == true)
        s = .standard
        s.percentile = 0
        #expect(s.problem?.hasPrefix("percentile:") == true)
        s = .standard
        s.days = 0
        #expect(s.problem?.hasPrefix("days:") == true)
    }

    @Test("other settings: the 50th percentile of the last 3 games")
    func customSettings() {
        let custom = SegmentEngine(
            model: Fixtures.roundModel,
            personal: PersonalTargetSettings(percentile: 50, workouts: 3, days: 28, minimumWorkouts: 2, reachPercentile: 90))
        let m = custom.motivationalMessage(score: 30_000, cluster: 0, policy: .personal, earlierScores: [90_000, 10_000, 40_000])
        #expect(m.nextTarget == 30_000)
        #expect(m.targetReason.text.contains("your 50th percentile over your last 3 games"))
    }
}
