import Foundation
import GaussianMixture

/// Trains one segment: cleaning, per-player aggregation, dropping constant features,
/// standardisation, the mixture fit, clusters ordered by mean score, percentiles and targets.
public struct SegmentTrainer: Sendable {
    /// The options every segment is trained with.
    public var options: TrainingOptions

    public init(options: TrainingOptions = TrainingOptions()) {
        self.options = options
    }

    /// Trains a model for `segment` from its workouts.
    /// - Parameters:
    ///   - records: the segment's workouts, oldest first when play times are unknown.
    ///   - segment: the segment they belong to.
    ///   - trainedAt: the time to record as training time (kept to whole seconds, as the file stores it).
    /// - Throws: `TrainingError` for bad options, too few players, a constant score, or a failed fit.
    public func train(_ records: [PlayerRecord], segment: SegmentKey, trainedAt: Date = Date()) throws -> SegmentModel {
        let candidates = try validatedClusterCounts()
        let (clean, report) = options.cleaning.clean(records)
        let players = Set(clean.map(\.playerKey)).count
        guard players >= max(options.minimumPlayers, candidates.upperBound) else {
            throw TrainingError.tooFewPlayers(
                segment: segment, players: players, minimum: max(options.minimumPlayers, candidates.upperBound))
        }
        let allRows = options.aggregation.rows(clean, features: Feature.allCases)
        let (features, dropped) = Self.varyingFeatures(allRows)
        guard features.first == .score else {
            throw TrainingError.constantScore(segment: segment, score: allRows[0][0])
        }
        let rows = allRows.map { row in features.map { row[Feature.allCases.firstIndex(of: $0)!] } }
        let scaler = Standardizer(fitting: rows)
        let scaled = try Matrix(rows.map(scaler.scale))

        let (mixture, fit, curve) = try fitMixture(scaled, candidates: candidates, segment: segment)
        let ordered = try mixture.reordered(mixture.componentOrder(byMeanOf: 0))
        let percentiles = PercentileTable(rows.map { $0[0] })
        let policy = TargetPolicy.cohort(clusters: ordered.components)
        let clusters = try Self.summaries(
            of: ordered, rows: rows, scaled: scaled, features: features, ladder: policy.ladder)
        let wholeSeconds = Date(timeIntervalSince1970: trainedAt.timeIntervalSince1970.rounded(.down))
        var model = SegmentModel(
            id: "", segment: segment, trainedAt: wholeSeconds, engineVersion: EngineVersion.current, training: options,
            rows: .init(input: records.count, kept: clean.count, players: players, training: rows.count),
            cleaning: report, features: features, droppedFeatures: dropped, scaler: scaler, mixture: ordered,
            fit: .init(
                converged: fit.converged, iterations: fit.iterations, lowerBound: fit.lowerBound,
                bic: try ordered.bic(scaled), aic: try ordered.aic(scaled)),
            clusters: clusters, percentiles: percentiles, targetPolicy: policy, bicCurve: curve)
        model.id = try ModelIdentity.id(of: model)
        return model
    }

    /// The players' rows as training sees them — cleaned, one per player by the options'
    /// aggregation — with every feature (`Feature.allCases` order), for charts of the model.
    public func playerRows(_ records: [PlayerRecord]) -> [[Double]] {
        options.aggregation.rows(options.cleaning.clean(records).0, features: Feature.allCases)
    }

    private func validatedClusterCounts() throws -> ClosedRange<Int> {
        let maximum = TargetLadder.standardRanges.count
        let range: ClosedRange<Int>
        switch options.clusters {
        case .fixed(let k): range = k...k
        case .automatic(let candidates): range = candidates
        }
        guard range.lowerBound >= 1, range.upperBound <= maximum else {
            throw TrainingError.invalidOption(
                name: "clusters", message: "must be between 1 and \(maximum), got \(options.clusters)")
        }
        guard options.restarts >= 1 else {
            throw TrainingError.invalidOption(name: "restarts", message: "must be at least 1, got \(options.restarts)")
        }
        guard options.minimumPlayers >= 1 else {
            throw TrainingError.invalidOption(
                name: "min-players", message: "must be at least 1, got \(options.minimumPlayers)")
        }
        return range
    }

    /// The features that vary across the rows, and the constant ones with their value.
    static func varyingFeatures(_ rows: [[Double]]) -> ([Feature], [SegmentModel.DroppedFeature]) {
        var kept: [Feature] = []
        var dropped: [SegmentModel.DroppedFeature] = []
        for (j, feature) in Feature.allCases.enumerated() {
            let first = rows[0][j]
            if rows.allSatisfy({ $0[j] == first }) {
                dropped.append(.init(feature: feature, reason: "constant", value: first))
            } else {
                kept.append(feature)
            }
        }
        return (kept, dropped)
    }

    private func fitMixture(
        _ scaled: Matrix, candidates: ClosedRange<Int>, segment: SegmentKey
    ) throws -> (GaussianMixtureModel, GaussianMixtureFit, [SegmentModel.CurvePoint]) {
        var mixture = GaussianMixture(components: candidates.lowerBound)
        mixture.restarts = options.restarts
        mixture.seed = options.seed
        do {
            let selection = try mixture.selectComponents(scaled, in: candidates)
            let curve = selection.candidates.map { SegmentModel.CurvePoint(components: $0.components, bic: $0.bic, aic: $0.aic) }
            return (selection.best.fit.model, selection.best.fit, curve)
        } catch let error as GaussianMixtureError {
            throw TrainingError.fitFailed(segment: segment, reason: error.description)
        }
    }

    private static func summaries(
        of model: GaussianMixtureModel, rows: [[Double]], scaled: Matrix, features: [Feature], ladder: TargetLadder
    ) throws -> [ClusterSummary] {
        let labels = try model.predict(scaled)
        let names = ClusterNames.names(model.components)
        return (0..<model.components).map { c in
            let members = rows.indices.filter { labels[$0] == c }.map { rows[$0] }
            let count = Double(max(1, members.count))
            let means = features.indices.map { j in members.reduce(0) { $0 + $1[j] } / count }
            let scoreVariance = members.reduce(0) { $0 + ($1[0] - means[0]) * ($1[0] - means[0]) } / count
            return ClusterSummary(
                cluster: c, label: names[c], size: members.count, share: Double(members.count) / Double(rows.count),
                scoreMean: means[0], scoreStd: scoreVariance.squareRoot(),
                featureMeans: Dictionary(uniqueKeysWithValues: zip(features.map(\.rawValue), means)),
                targets: ladder.ranges[c])
        }
    }
}
