import Foundation
import GaussianMixture

/// Trains one segment: cleaning, per-player aggregation, the age curve, dropping constant
/// features, the level features (the age-graded score with start speed and duration, or the
/// seed's raw features), standardisation, the mixture fit, clusters ordered by their first
/// feature, percentiles and targets.
public struct SegmentTrainer: Sendable {
    /// The options every segment is trained with.
    public var options: TrainingOptions

    /// A trainer with `options` (the engine's policy by default).
    public init(options: TrainingOptions = TrainingOptions()) {
        self.options = options
    }

    /// Trains a model for `segment` from its workouts.
    /// - Parameters:
    ///   - records: the segment's workouts, oldest first when play times are unknown.
    ///   - segment: the segment they belong to.
    ///   - trainedAt: the time to record as training time (kept to whole seconds, as the file stores it).
    /// - Throws: `TrainingError` for bad options, too few players, a constant score, too few
    ///   positive scores for an age curve, or a failed fit.
    public func train(_ records: [PlayerRecord], segment: SegmentKey, trainedAt: Date = Date()) throws -> SegmentModel {
        let candidates = try validatedClusterCounts()
        let (clean, report) = options.cleaning.clean(records)
        let players = Set(clean.map(\.playerKey)).count
        guard players >= max(options.minimumPlayers, candidates.upperBound) else {
            throw TrainingError.tooFewPlayers(
                segment: segment, players: players, minimum: max(options.minimumPlayers, candidates.upperBound))
        }
        let allRows = options.aggregation.rows(clean, features: Feature.recorded)
        let (varying, dropped) = Self.varyingFeatures(allRows)
        guard varying.first == .score else {
            throw TrainingError.constantScore(segment: segment, score: allRows[0][0])
        }
        guard let ageCurve = AgeCurveFit().fit(ages: allRows.map { $0[1] }, scores: allRows.map { $0[0] }) else {
            throw TrainingError.fitFailed(
                segment: segment,
                reason: "fewer than \(AgeCurveFit.minimumRows) players with a score above 0 to fit the age curve on")
        }
        let features = Self.levelFeatures(varying, levels: options.levels)
        let rows = allRows.map { Self.levelRow($0, features: features, curve: ageCurve) }
        let scaler = Standardizer(fitting: rows, weights: features.map(options.levels.weight(of:)))
        let scaled = try Matrix(rows.map(scaler.scale))

        let (mixture, fit, curve) = try fitMixture(scaled, candidates: candidates, segment: segment)
        let ordered = try mixture.reordered(mixture.componentOrder(byMeanOf: 0))
        let percentiles = PercentileTable(allRows.map { $0[0] })
        let policy = TargetPolicy.cohort(clusters: ordered.components)
        let clusters = try Self.summaries(
            of: ordered, rows: rows, recorded: allRows, scaled: scaled, features: features, ladder: policy.ladder)
        let wholeSeconds = Date(timeIntervalSince1970: trainedAt.timeIntervalSince1970.rounded(.down))
        var model = SegmentModel(
            id: "", segment: segment, trainedAt: wholeSeconds, engineVersion: EngineVersion.current, training: options,
            rows: .init(input: records.count, kept: clean.count, players: players, training: rows.count),
            cleaning: report, features: features, droppedFeatures: dropped, scaler: scaler, ageCurve: ageCurve,
            mixture: ordered,
            fit: .init(
                converged: fit.converged, iterations: fit.iterations, lowerBound: fit.lowerBound,
                bic: try ordered.bic(scaled), aic: try ordered.aic(scaled)),
            clusters: clusters, percentiles: percentiles, targetPolicy: policy, bicCurve: curve)
        model.id = try ModelIdentity.id(of: model)
        return model
    }

    /// The players' rows as training sees them — cleaned, one per player by the options'
    /// aggregation — with every recorded feature (`Feature.recorded` order), for charts of the model.
    public func playerRows(_ records: [PlayerRecord]) -> [[Double]] {
        options.aggregation.rows(options.cleaning.clean(records).0, features: Feature.recorded)
    }

    /// The mixture's features: for skill levels the age-graded score, then start speed and
    /// duration where they vary (age enters only through the grading); for seed levels the
    /// varying recorded features.
    static func levelFeatures(_ varying: [Feature], levels: LevelBasis) -> [Feature] {
        switch levels {
        case .seed: return varying
        case .skill: return [.ageGradedScore] + varying.filter { $0 == .startSpeed || $0 == .durationMinutes }
        }
    }

    /// One player's values of `features`, from their recorded row (`Feature.recorded` order).
    static func levelRow(_ recorded: [Double], features: [Feature], curve: AgeCurve) -> [Double] {
        features.map { feature in
            feature == .ageGradedScore
                ? curve.reading(atAge: recorded[1]).z(of: recorded[0])
                : recorded[Feature.recorded.firstIndex(of: feature)!]
        }
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
        for (j, feature) in Feature.recorded.enumerated() {
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
        of model: GaussianMixtureModel, rows: [[Double]], recorded: [[Double]], scaled: Matrix, features: [Feature],
        ladder: TargetLadder
    ) throws -> [ClusterSummary] {
        let labels = try model.predict(scaled)
        let names = ClusterNames.names(model.components)
        return (0..<model.components).map { c in
            let members = rows.indices.filter { labels[$0] == c }
            let count = Double(max(1, members.count))
            let means = features.indices.map { j in members.reduce(0) { $0 + rows[$1][j] } / count }
            let scoreMean = members.reduce(0) { $0 + recorded[$1][0] } / count
            let scoreVariance = members.reduce(0) { $0 + (recorded[$1][0] - scoreMean) * (recorded[$1][0] - scoreMean) } / count
            return ClusterSummary(
                cluster: c, label: names[c], size: members.count, share: Double(members.count) / Double(rows.count),
                scoreMean: scoreMean, scoreStd: scoreVariance.squareRoot(),
                featureMeans: Dictionary(uniqueKeysWithValues: zip(features.map(\.rawValue), means)),
                ageMean: members.reduce(0) { $0 + recorded[$1][1] } / count, targets: ladder.ranges[c])
        }
    }
}
