import Foundation
import GaussianMixture
import TestSupport
import Testing

@testable import MotivationEngine

/// Players whose truth is known, for the validation checks: a latent skill drawn independently
/// of age, scores that follow an age curve (children and older adults score less at the same
/// skill), a start speed tied to skill, and several games per player, a few days apart, with
/// per-game noise.
///
/// score = 100,000 · ageFactor(age) · exp(0.25·skill) · sqrt(speed / 5) · exp(0.10·N(0, 1))
private struct ValidationTruth {
    static let segment = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10)
    static let firstDay = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01

    let records: [PlayerRecord]
    let players: Int

    /// The typical score at `age` relative to the best age (28): exp(−k·ln(age/28)²), with k
    /// set for 0.60 at 8 and 0.55 at 85 (smooth, with a zero slope at 28).
    static func ageFactor(_ age: Double) -> Double {
        let l = log(age / 28)
        return exp(l * l * (age < 28 ? log(0.60) / pow(log(8 / 28.0), 2) : log(0.55) / pow(log(85 / 28.0), 2)))
    }

    /// How ages are drawn.
    enum Ages {
        /// 8–85, uniformly: every age band well filled.
        case uniform
        /// As a gym's players: 10 % children 8–18, 65 % adults 18–50, 25 % 50–85.
        case realistic
    }

    /// `players` players, each with `games` games 1–5 days apart.
    init(players: Int, games: ClosedRange<Int>, ages: Ages = .realistic, seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var records: [PlayerRecord] = []
        for player in 0..<players {
            let skill = random.normal()
            let group = random.nextUnit(), position = random.nextUnit()
            let age: Double
            switch ages {
            case .uniform: age = 8 + 77 * position
            case .realistic: age = group < 0.10 ? 8 + 10 * position : group < 0.75 ? 18 + 32 * position : 50 + 35 * position
            }
            let speed = min(10, max(1, ((4.5 + 0.8 * skill + 0.4 * random.normal()) * 2).rounded() / 2))
            let count = games.lowerBound + Int(random.nextUnit() * Double(games.count))
            var day = Double(player % 30)
            for _ in 0..<count {
                day += 1 + (4 * random.nextUnit()).rounded(.down)
                let change = random.nextUnit()
                let gameSpeed = min(10, max(1, change < 0.1 ? speed - 0.5 : change < 0.2 ? speed + 0.5 : speed))
                let gameAge = age + day / 365.25
                let score =
                    100_000 * Self.ageFactor(gameAge) * exp(0.25 * skill) * (gameSpeed / 5).squareRoot()
                    * exp(0.10 * random.normal())
                records.append(
                    PlayerRecord(
                        userId: "p\(player)", score: score.rounded(), age: (gameAge * 100).rounded() / 100,
                        startSpeed: gameSpeed, durationMinutes: 10, playedAt: Self.firstDay.addingTimeInterval(day * 86_400)))
            }
        }
        self.records = records
        self.players = players
    }
}

/// `SegmentValidation` on players whose truth is known: levels of skill are fair across ages
/// and the seed's levels are not, single games stay in their level, targets are reached, the
/// age curve's centiles hold on held-out players; and the parts on small hand-made inputs.
@Suite struct SegmentValidationTests {
    /// 4,000 players with 2–6 games.
    private static let truth = ValidationTruth(players: 4_000, games: 2...6, seed: 2024)

    private static func validation(holdout: Double = 0.5) -> SegmentValidation {
        var validation = SegmentValidation()
        validation.bootstraps = 1
        validation.holdoutFraction = holdout
        return validation
    }

    private static func report(levels: LevelBasis) -> (SegmentModel, ValidationReport) {
        var options = TrainingOptions()
        options.levels = levels
        options.restarts = 2
        do {
            let model = try SegmentTrainer(options: options).train(
                truth.records, segment: ValidationTruth.segment, trainedAt: Fixtures.trainedAt)
            return (model, try validation().validate(model, records: truth.records))
        } catch {
            fatalError("validation fixture failed: \(error)")
        }
    }

    private static let skill = report(levels: .skill)
    private static let seed = report(levels: .seed)

    @Test func skillLevelsAreFairAcrossAgesAndTheSeedsAreNot() throws {
        let skill = try #require(Self.skill.1.levelVsAge.spearman)
        let seed = try #require(Self.seed.1.levelVsAge.spearman)
        print("level vs age: skill \(skill), seed \(seed)")
        #expect(Self.skill.1.levelVsAge.players == Self.truth.players)
        #expect(abs(skill) <= 0.10)
        #expect(abs(seed) >= 0.20 && abs(seed) >= abs(skill) + 0.15)
        // By age band: the mean level hardly moves for skill levels; the seed's levels are low
        // for children and older players alike.
        func spread(_ report: ValidationReport) -> Double {
            let means = report.levelVsAge.bands.map(\.meanLevel)
            return means.max()! - means.min()!
        }
        for (name, report) in [("skill", Self.skill.1), ("seed", Self.seed.1)] {
            print(
                "mean level by age (\(name)): "
                    + report.levelVsAge.bands.map { String(format: "%@ %.2f", $0.label, $0.meanLevel) }.joined(separator: ", "))
            #expect(report.levelVsAge.bands.map(\.players).reduce(0, +) == Self.truth.players)
        }
        #expect(spread(Self.skill.1) <= 0.3)
        #expect(spread(Self.seed.1) >= 0.8)
    }

    @Test func gamesStayInTheirLevel() throws {
        for (name, report) in [("skill", Self.skill.1), ("seed", Self.seed.1)] {
            let stability = report.levelStability
            print("level stability (\(name)): \(stability)")
            #expect(stability.players == Self.truth.players)  // every player has 2+ games
            #expect(stability.unplacedGames == 0)
            #expect(stability.games == Self.truth.records.count)
            #expect(stability.pairs == Self.truth.records.count - Self.truth.players)
        }
        let skill = Self.skill.1.levelStability
        #expect(try #require(skill.consecutiveSameLevel) >= 0.7)
        #expect(try #require(skill.shareInPlayerLevel) >= 0.7)
    }

    @Test func nextTargetsAreReachedFromRealHistory() throws {
        for (name, (model, report)) in [("skill", Self.skill), ("seed", Self.seed)] {
            let reach = try #require(report.reachability)
            print(
                "reachability (\(name)): \(reach.overall.share ?? .nan), by level "
                    + reach.byLevel.map { "\($0.label) \($0.share ?? .nan) of \($0.targets)" }.joined(separator: ", "))
            #expect(reach.window == 9)
            // Every game but each player's last sets a target.
            #expect(reach.overall.targets == Self.truth.records.count - Self.truth.players)
            #expect(reach.byLevel.map(\.cluster) == Array(0..<model.clusters.count))
            #expect(reach.byLevel.map(\.targets).reduce(0, +) == reach.overall.targets)
            #expect(reach.byLevel.map(\.reached).reduce(0, +) == reach.overall.reached)
            let share = try #require(reach.overall.share)
            // A next target is a step above the game's score; with 10 % per-game noise and up to
            // five later games, most are reached but not all.
            #expect(share > 0.3 && share < 0.95)
            for level in reach.byLevel where level.targets > 0 { #expect((0...1).contains(level.share!)) }
        }
    }

    /// The calibration through `validate`: players (not games) split by the hold-out fraction.
    /// With 2,000 held-out players a band holds 200–500, whose sampling noise alone is ±4–7
    /// points: each band must be within 3 points beyond it, and all ages within 3 points
    /// (`centilesHoldInEveryAgeBandOnManyPlayers` holds every band to 3 points on more players).
    @Test func centilesHoldOnHeldOutPlayers() throws {
        let calibration = try #require(Self.skill.1.calibration)
        #expect(calibration.fitPlayers + calibration.heldOutPlayers == Self.truth.players)
        #expect(calibration.heldOutPlayers == Self.truth.players / 2)
        #expect(calibration.bands.map(\.label) == ["<18", "18–29", "30–39", "40–49", "50–64", "≥65"])
        #expect(calibration.bands.map(\.players).reduce(0, +) == calibration.heldOutPlayers)
        for band in calibration.bands + [calibration.overall] {
            print(
                "calibration \(band.label): \(band.players) players, below "
                    + band.below.map { String(format: "%.1f", 100 * $0.share) }.joined(separator: "/")
                    + String(format: ", worst %.1f, noise ±%.1f", band.maximumDeviation, band.samplingMargin))
            #expect(band.below.map(\.centile) == [10, 25, 50, 75, 90])
            #expect(band.maximumDeviation <= 3 + band.samplingMargin, "\(band.label)")
        }
        #expect(calibration.overall.maximumDeviation <= 3)
        #expect(Self.seed.1.calibration != nil)  // the seed's levels keep an age curve (format 2)
    }

    /// The calibration itself on many players (one game each, no mixture to train), so that
    /// sampling noise (±1.4–2.0 points per band here) is small against the 3 points the centiles
    /// must hold in every band. Over seeds 70–81 the worst band of every run was at most 2.6
    /// points off, except seed 77's 18–29 (3.3 points, every centile low: about 2.5 standard
    /// errors of held-out sampling and curve noise together).
    @Test func centilesHoldInEveryAgeBandOnManyPlayers() throws {
        let truth = ValidationTruth(players: 40_000, games: 1...1, ages: .uniform, seed: 78)
        let rows = truth.records.map { [$0.score!, $0.age!, $0.startSpeed!, $0.durationMinutes!] }
        var generator = SeededGenerator(seed: 42)
        let heldOut = Set(Array(rows.indices).shuffled(using: &generator).prefix(rows.count / 2))
        let calibration = try #require(CentileCalibration.check(rows: rows, heldOut: heldOut))
        for band in calibration.bands + [calibration.overall] {
            print(
                "calibration (40,000) \(band.label): \(band.players) players, below "
                    + band.below.map { String(format: "%.1f", 100 * $0.share) }.joined(separator: "/")
                    + String(format: ", worst %.1f, noise ±%.1f", band.maximumDeviation, band.samplingMargin))
            #expect(band.maximumDeviation <= 3, "\(band.label)")
        }
    }

    /// The rows are the training rows: the recorded features aggregated, the age-graded score
    /// derived through the curve (it is not recorded), so validation's clusters are training's.
    @Test func validationSeesTheTrainingRows() {
        for (model, report) in [Self.skill, Self.seed] {
            #expect(report.players == model.rows.training)
            #expect(report.clusters.map(\.size) == model.clusters.map(\.size))
            for (validated, trained) in zip(report.clusters, model.clusters) {
                #expect(abs(validated.ageMean! - trained.ageMean!) < 1e-9)
            }
        }
        #expect(Self.skill.0.features.first == .ageGradedScore)
        #expect(Self.skill.1.orderedBy == .ageGradedScore && Self.skill.1.ordered, "\(Self.skill.1.orderProblems)")
        #expect(Self.seed.1.orderedBy == .score && Self.seed.1.ordered, "\(Self.seed.1.orderProblems)")
        #expect(Self.skill.1.clusters.allSatisfy { $0.ageGraded != nil })
    }

    @Test func aCSVWithoutPlayTimesHasNoReachability() throws {
        let records = ValidationTruth(players: 300, games: 2...4, seed: 5).records.map { record in
            var record = record
            record.playedAt = nil
            return record
        }
        var options = TrainingOptions()
        options.restarts = 1
        let model = try SegmentTrainer(options: options).train(records, segment: ValidationTruth.segment)
        let report = try Self.validation(holdout: 0.2).validate(model, records: records)
        #expect(report.reachability == nil)
        #expect(report.levelStability.players == 300)
        #expect(report.calibration?.heldOutPlayers == 60)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains(#""reachability":null"#))
        #expect(json.contains(#""level_vs_age":{"#) && json.contains(#""ordered_by":"age_graded_score""#))
    }

    @Test func aggregationAllStillChecksPlayers() throws {
        let truth = ValidationTruth(players: 200, games: 2...4, seed: 9)
        var options = TrainingOptions()
        options.aggregation = .all
        options.restarts = 1
        let model = try SegmentTrainer(options: options).train(truth.records, segment: ValidationTruth.segment)
        let report = try Self.validation(holdout: 0.2).validate(model, records: truth.records)
        #expect(report.players == truth.records.count)  // the likelihood checks run on the rows: workouts
        #expect(report.levelVsAge.players == 200)  // the player checks on one median row per player
        #expect(report.calibration?.fitPlayers == 160)
    }

    /// A format 1 model (no age curve, the seed's raw features) is validated on its recorded
    /// features: no calibration, no age-graded scores, the order by score.
    @Test func aFormatOneModelIsValidatedWithoutACurve() throws {
        let model = try ModelFileStore.decode(Data(FormatOneModel.json.utf8), file: "DualFlow_-1_10.json")
        let records = ValidationTruth(players: 300, games: 2...4, seed: 11).records
        let report = try Self.validation(holdout: 0.2).validate(model, records: records)
        #expect(report.calibration == nil)
        #expect(report.orderedBy == .score)
        #expect(report.clusters.allSatisfy { $0.ageGraded == nil })
        #expect(report.levelVsAge.players == 300 && report.reachability != nil)
    }

    /// Skill levels are ordered by their age-graded scores: raw scores that overlap across ages
    /// are not a problem for them, and are for the seed's levels.
    @Test func theOrderCheckComparesWhatTheLevelsAreOrderedBy() {
        func cluster(_ c: Int, scores: [Double], graded: [Double]) -> ValidationReport.ClusterScores {
            let s = ValidationReport.Spread(scores)!
            return .init(
                cluster: c, label: "L\(c)", size: 10, share: 0.5, minimum: s.minimum, lowerQuartile: s.lowerQuartile,
                median: s.median, upperQuartile: s.upperQuartile, maximum: s.maximum,
                ageGraded: ValidationReport.Spread(graded), ageMean: 40)
        }
        // The higher level's raw scores are lower (older players), its graded scores higher.
        let clusters = [
            cluster(0, scores: [100, 110, 120, 130, 140], graded: [-1.5, -1.2, -1.0, -0.8, -0.5]),
            cluster(1, scores: [90, 100, 115, 125, 135], graded: [-0.2, 0.1, 0.3, 0.5, 0.9]),
        ]
        #expect(SegmentValidation.orderProblems(clusters, by: .ageGradedScore).isEmpty)
        let problems = SegmentValidation.orderProblems(clusters, by: .score)
        #expect(problems.count == 3)
        #expect(problems.first == "L1's lower quartile score (100) is not above L0's (110)")
        var empty = clusters
        empty[1] = .init(cluster: 1, label: "L1", size: 0, share: 0)
        #expect(SegmentValidation.orderProblems(empty, by: .ageGradedScore) == ["L1 has no players"])
    }

    @Test func spearmanAsScipy() {
        // scipy.stats.spearmanr([0,1,1,2,3,3,3,0], [1.5,2,0.5,3,4,2.5,5,1]) = 0.8153742483272114
        #expect(abs(RankCorrelation.spearman([0, 1, 1, 2, 3, 3, 3, 0], [1.5, 2, 0.5, 3, 4, 2.5, 5, 1])! - 0.8153742483272114) < 1e-12)
        // scipy.stats.spearmanr([1,2,2,3], [4,3,2,1]) = -0.9486832980505139
        #expect(abs(RankCorrelation.spearman([1, 2, 2, 3], [4, 3, 2, 1])! + 0.9486832980505139) < 1e-12)
        #expect(RankCorrelation.spearman([1, 1, 1], [1, 2, 3]) == nil)
        #expect(RankCorrelation.spearman([1], [1]) == nil)
    }

    /// Games are taken in play order whatever the input order; the reach window counts games.
    @Test func gamesInPlayOrderAndTheWindow() throws {
        let (model, _) = Self.skill
        let engine = SegmentEngine(model: model)
        // One player's games, given newest first: eleven at one score, then one above their
        // next target.
        let low = 60_000.0
        let target = try engine.analyze(AnalysisInput(score: low, age: 30, startSpeed: 4.5, targetPolicy: .cohort))
            .motivationalMessage.nextTarget
        #expect(target > low)
        let scores = [low] + [Double](repeating: low, count: 10) + [target + 1]
        let games = scores.enumerated().map { i, score in
            PlayerRecord(
                userId: "x", score: score, age: 30, startSpeed: 4.5, durationMinutes: 10,
                playedAt: ValidationTruth.firstDay.addingTimeInterval(Double(i) * 86_400))
        }
        let (clean, _) = model.training.cleaning.clean(Array(games.reversed()))
        let players = ValidationPlayers(clean, aggregation: .median)
        #expect(players.timed && players.games[0].map(\.score) == scores)
        let (_, reach) = GameChecks.run(engine, players: players, playerLevels: [0], window: 9)
        // Eleven targets (every game but the last); the high game (game 11) is within the next
        // nine games of games 2…10, not of games 0 and 1.
        let overall = try #require(reach?.overall)
        #expect(overall.targets == 11)
        #expect(overall.reached == 9)
    }
}
