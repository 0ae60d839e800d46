import Foundation
import GaussianMixture

/// Checks a trained segment model against the data it was trained on (see `ValidationReport`).
public struct SegmentValidation: Sendable {
    /// Bootstrap retrains for the stability check.
    public var bootstraps = 10
    /// Share of players held out for the likelihood check and the age curve's calibration.
    public var holdoutFraction = 0.2
    /// Games after a next target in which it counts as reached (the personal policy's 9 games).
    public var reachWindow = 9

    /// A validation with the default hold-out fraction and bootstraps.
    public init() {}

    /// - Parameters:
    ///   - model: the trained model.
    ///   - records: the segment's workouts, as training was given them (they are cleaned and
    ///     aggregated as the model's options say); with play times for the reachability check.
    ///   - progress: called after each bootstrap retrain with the number done.
    /// - Throws: `TrainingError` when the options are out of range or too few players remain.
    public func validate(
        _ model: SegmentModel, records: [PlayerRecord], progress: ((Int) -> Void)? = nil
    ) throws -> ValidationReport {
        guard bootstraps >= 1 else {
            throw TrainingError.invalidOption(name: "bootstrap", message: "must be at least 1, got \(bootstraps)")
        }
        guard holdoutFraction > 0, holdoutFraction < 1 else {
            throw TrainingError.invalidOption(name: "holdout", message: "must be between 0 and 1, got \(holdoutFraction)")
        }
        guard reachWindow >= 1 else {
            throw TrainingError.invalidOption(name: "reach-window", message: "must be at least 1, got \(reachWindow)")
        }
        let (clean, _) = model.training.cleaning.clean(records)
        // The rows as training made them: recorded features aggregated, then the mixture's
        // features derived from them (the age-graded score is not recorded).
        let recorded = model.training.aggregation.rows(clean, features: Feature.recorded)
        let rows = recorded.map(model.levelRow)
        let k = model.mixture.components
        let testCount = Int((Double(rows.count) * holdoutFraction).rounded())
        guard rows.count - testCount >= k, testCount >= 1 else {
            throw TrainingError.tooFewPlayers(segment: model.segment, players: rows.count, minimum: k + 2)
        }
        let scaled = try Matrix(rows.map(model.scaler.scale))
        let labels = try model.mixture.predict(scaled)
        var generator = SeededGenerator(seed: model.training.seed)
        let holdout = try holdoutCheck(model, scaled, testCount: testCount, generator: &generator)
        var indices: [Double] = []
        for done in 1...bootstraps {
            // A bootstrap draw, each drawn player fitted once: repeated identical rows would let a
            // component collapse onto them and make the check measure that artefact.
            let drawn = Set((0..<rows.count).map { _ in Int(generator.nextUnit() * Double(rows.count)) })
            let retrained = try fit(model, subset(scaled, drawn.sorted()))
            let ordered = try retrained.reordered(retrained.componentOrder(byMeanOf: 0))
            indices.append(adjustedRandIndex(labels, try ordered.predict(scaled)))
            progress?(done)
        }
        let clusters = Self.clusterScores(model, recorded: recorded, rows: rows, labels: labels)
        let orderedBy: Feature = model.features.first == .ageGradedScore ? .ageGradedScore : .score
        let problems = Self.orderProblems(clusters, by: orderedBy)

        // The checks per player: one row each (the median game for the `all` aggregation).
        let players = ValidationPlayers(clean, aggregation: model.training.aggregation)
        let playerLevels =
            model.training.aggregation == .all
            ? try model.mixture.predict(Matrix(players.rows.map { model.scaler.scale(model.levelRow($0)) })) : labels
        let (levelStability, reachability) = GameChecks.run(
            SegmentEngine(model: model), players: players, playerLevels: playerLevels, window: reachWindow)
        return ValidationReport(
            segment: model.segment, modelId: model.id, players: rows.count, holdout: holdout,
            stability: .init(
                bootstraps: bootstraps, meanAdjustedRandIndex: indices.reduce(0, +) / Double(indices.count),
                minimumAdjustedRandIndex: indices.min()!, adjustedRandIndices: indices),
            clusters: clusters, orderedBy: orderedBy, ordered: problems.isEmpty, orderProblems: problems,
            levelVsAge: Self.levelVsAge(levels: playerLevels, ages: players.rows.map { $0[1] }),
            levelStability: levelStability, reachability: reachability,
            calibration: model.ageCurve == nil
                ? nil : CentileCalibration.check(rows: players.rows, heldOut: heldOutPlayers(model, count: players.count)))
    }

    /// Spearman's correlation of the players' levels with their ages, and the mean level in each
    /// age band that has players.
    static func levelVsAge(levels: [Int], ages: [Double]) -> ValidationReport.LevelVsAge {
        let bands = AgeBand.all.compactMap { band -> ValidationReport.LevelVsAge.Band? in
            let members = ages.indices.filter { AgeBand.contains(ages[$0], minimum: band.minimum, end: band.end) }
            guard !members.isEmpty else { return nil }
            return .init(
                label: band.label, players: members.count,
                meanLevel: Double(members.reduce(0) { $0 + levels[$1] }) / Double(members.count))
        }
        return .init(players: levels.count, spearman: RankCorrelation.spearman(levels.map(Double.init), ages), bands: bands)
    }

    /// The players held out of the age curve's refit: a share `holdoutFraction` drawn with the
    /// training seed. For every aggregation but `all` (one row per player) they are the players
    /// the likelihood check holds out.
    private func heldOutPlayers(_ model: SegmentModel, count: Int) -> Set<Int> {
        var generator = SeededGenerator(seed: model.training.seed)
        var order = Array(0..<count)
        order.shuffle(using: &generator)
        return Set(order.prefix(Int((Double(count) * holdoutFraction).rounded())))
    }

    private func holdoutCheck(
        _ model: SegmentModel, _ scaled: Matrix, testCount: Int, generator: inout SeededGenerator
    ) throws -> ValidationReport.Holdout {
        var order = Array(0..<scaled.rows)
        order.shuffle(using: &generator)
        let test = subset(scaled, Array(order.prefix(testCount)))
        let train = subset(scaled, Array(order.dropFirst(testCount)))
        let fitted = try fit(model, train)
        return .init(
            fraction: holdoutFraction, trainPlayers: train.rows, testPlayers: test.rows,
            trainMeanLogLikelihood: try fitted.score(train), testMeanLogLikelihood: try fitted.score(test))
    }

    /// A mixture fitted as the model was (same k, restarts and seed).
    private func fit(_ model: SegmentModel, _ data: Matrix) throws -> GaussianMixtureModel {
        var mixture = GaussianMixture(components: model.mixture.components, covarianceType: model.mixture.covarianceType)
        mixture.restarts = model.training.restarts
        mixture.seed = model.training.seed
        do {
            return try mixture.fit(data).model
        } catch let error as GaussianMixtureError {
            throw TrainingError.fitFailed(segment: model.segment, reason: error.description)
        }
    }

    private func subset(_ data: Matrix, _ rows: [Int]) -> Matrix {
        var values: [Double] = []
        values.reserveCapacity(rows.count * data.columns)
        for row in rows { values += data.row(row) }
        return try! Matrix(rows: rows.count, columns: data.columns, values: values)
    }

    /// Each cluster's members: the spread of their scores and, with an age curve, of their
    /// age-graded scores (the mixture's first feature for skill levels; computed through the
    /// curve for the seed's levels), and their mean age.
    /// - Parameters:
    ///   - recorded: the training rows' recorded features (`Feature.recorded` order).
    ///   - rows: the same rows' mixture features.
    static func clusterScores(
        _ model: SegmentModel, recorded: [[Double]], rows: [[Double]], labels: [Int]
    ) -> [ValidationReport.ClusterScores] {
        let graded: [Double]? = model.ageCurve.map { curve in
            model.features.first == .ageGradedScore
                ? rows.map { $0[0] } : recorded.map { curve.reading(atAge: $0[1]).z(of: $0[0]) }
        }
        return model.clusters.map { cluster in
            let members = recorded.indices.filter { labels[$0] == cluster.cluster }
            let scores = ValidationReport.Spread(members.map { recorded[$0][0] })
            return .init(
                cluster: cluster.cluster, label: cluster.label, size: members.count,
                share: Double(members.count) / Double(max(1, recorded.count)), minimum: scores?.minimum,
                lowerQuartile: scores?.lowerQuartile, median: scores?.median, upperQuartile: scores?.upperQuartile,
                maximum: scores?.maximum, ageGraded: graded.flatMap { g in ValidationReport.Spread(members.map { g[$0] }) },
                ageMean: members.isEmpty ? nil : members.reduce(0) { $0 + recorded[$1][1] } / Double(members.count))
        }
    }

    /// What breaks the order of the clusters: an empty cluster, or a lower quartile, median or
    /// upper quartile of `feature` (the score, or the age-graded score) not above the previous
    /// cluster's.
    ///
    /// Skill levels are compared on the age-graded score because that is what they are ordered
    /// by: their raw scores overlap across ages by design (an older Expert may score less than a
    /// young Intermediate), so raw-score quartiles would report a correct model as broken.
    static func orderProblems(_ clusters: [ValidationReport.ClusterScores], by feature: Feature) -> [String] {
        let name = feature == .ageGradedScore ? "age-graded score" : "score"
        func spread(_ cluster: ValidationReport.ClusterScores) -> ValidationReport.Spread? {
            feature == .ageGradedScore ? cluster.ageGraded : cluster.scores
        }
        func text(_ value: Double) -> String {
            feature == .ageGradedScore
                ? String(format: "%.2f", value) : NumberStyle.english.format(integer: Int(value.rounded()))
        }
        var problems: [String] = []
        for (lower, upper) in zip(clusters, clusters.dropFirst()) {
            guard let low = spread(lower), let high = spread(upper) else {
                problems.append("\(spread(lower) == nil ? lower.label : upper.label) has no players")
                continue
            }
            for (statistic, a, b) in [
                ("lower quartile", low.lowerQuartile, high.lowerQuartile), ("median", low.median, high.median),
                ("upper quartile", low.upperQuartile, high.upperQuartile),
            ] where !(a < b) {
                problems.append("\(upper.label)'s \(statistic) \(name) (\(text(b))) is not above \(lower.label)'s (\(text(a)))")
            }
        }
        return problems
    }
}
