import GaussianMixture

/// Checks a trained segment model against the data it was trained on (see `ValidationReport`).
public struct SegmentValidation: Sendable {
    /// Bootstrap retrains for the stability check.
    public var bootstraps = 10
    /// Share of players held out for the likelihood check.
    public var holdoutFraction = 0.2

    public init() {}

    /// - Parameters:
    ///   - model: the trained model.
    ///   - records: the segment's workouts (cleaned and aggregated as the model's options say).
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
        let (clean, _) = model.training.cleaning.clean(records)
        let rows = model.training.aggregation.rows(clean, features: model.features)
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
        let clusters = Self.clusterScores(model, rows: rows, labels: labels)
        let problems = Self.orderProblems(clusters)
        return ValidationReport(
            segment: model.segment, modelId: model.id, players: rows.count, holdout: holdout,
            stability: .init(
                bootstraps: bootstraps, meanAdjustedRandIndex: indices.reduce(0, +) / Double(indices.count),
                minimumAdjustedRandIndex: indices.min()!, adjustedRandIndices: indices),
            clusters: clusters, ordered: problems.isEmpty, orderProblems: problems)
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

    static func clusterScores(_ model: SegmentModel, rows: [[Double]], labels: [Int]) -> [ValidationReport.ClusterScores] {
        model.clusters.map { cluster in
            let scores = rows.indices.filter { labels[$0] == cluster.cluster }.map { rows[$0][0] }.sorted()
            func quantile(_ q: Double) -> Double {
                scores.isEmpty ? .nan : PercentileTable.percentile(q, ofSorted: scores)
            }
            return .init(
                cluster: cluster.cluster, label: cluster.label, size: scores.count,
                share: Double(scores.count) / Double(max(1, rows.count)), minimum: quantile(0),
                lowerQuartile: quantile(25), median: quantile(50), upperQuartile: quantile(75), maximum: quantile(100))
        }
    }

    static func orderProblems(_ clusters: [ValidationReport.ClusterScores]) -> [String] {
        var problems: [String] = []
        for (lower, upper) in zip(clusters, clusters.dropFirst()) {
            if upper.size == 0 || lower.size == 0 {
                problems.append("\(lower.size == 0 ? lower.label : upper.label) has no players")
                continue
            }
            for (name, a, b) in [
                ("lower quartile", lower.lowerQuartile, upper.lowerQuartile), ("median", lower.median, upper.median),
                ("upper quartile", lower.upperQuartile, upper.upperQuartile),
            ] where !(a < b) {
                problems.append("\(upper.label)'s \(name) score (\(b.rounded())) is not above \(lower.label)'s (\(a.rounded()))")
            }
        }
        return problems
    }
}
