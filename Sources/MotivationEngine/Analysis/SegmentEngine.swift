import Foundation
import GaussianMixture

/// The motivational engine for one segment: a trained model and everything derived from it
/// that analysis needs. The Swift counterpart of the original engine's API
/// (`predict_cluster`, `get_performance_targets`, `generate_motivational_message`, `analyze`).
public final class SegmentEngine: Sendable {
    /// The trained model.
    public let model: SegmentModel
    /// The message templates.
    public let catalog: MessageCatalog
    /// The settings of the `personal` and `blended` policies.
    public let personalSettings: PersonalTargetSettings
    /// Text that is the same in every analysis, made once (formatting costs more than the maths).
    private let reference: ModelReference
    private let segmentText: String
    private let reasons: TargetReasons

    public init(model: SegmentModel, catalog: MessageCatalog = .shared, personal: PersonalTargetSettings = .standard) {
        self.model = model
        self.catalog = catalog
        personalSettings = personal
        reference = ModelReference(id: model.id, trainedAt: ISO8601DateFormatter().string(from: model.trainedAt))
        segmentText = model.segment.description
        reasons = TargetReasons(model, personal: personal)
    }

    /// The player's cluster, its confidence and every cluster's probability (to six decimals).
    /// - Throws: `AnalysisError.invalidField` for an absurd or non-finite value.
    public func predictCluster(_ input: AnalysisInput) throws -> ClusterPrediction {
        try InputValidation.check(input, cleaning: model.training.cleaning)
        var row = [Double](repeating: .nan, count: model.features.count)
        var missing: [Feature] = []
        for (j, feature) in model.features.enumerated() {
            switch feature {
            case .score: row[j] = input.score
            case .age: if let age = input.age { row[j] = age } else { missing.append(.age) }
            case .startSpeed: if let speed = input.startSpeed { row[j] = speed } else { missing.append(.startSpeed) }
            case .durationMinutes: row[j] = input.durationMinutes ?? Double(model.segment.durationMinutes)
            }
        }
        var probabilities = try model.mixture.predictProbabilities(row: model.scaler.scale(row))
        var best = 0
        for c in probabilities.indices where probabilities[c] > probabilities[best] { best = c }
        // Six decimals (in place: no second array per analysis): the digits beyond are
        // floating-point noise, and would differ between machines.
        for c in probabilities.indices { probabilities[c] = (probabilities[c] * 1e6).rounded() / 1e6 }
        return ClusterPrediction(
            cluster: best, clusterLabel: model.clusters[best].label, confidence: probabilities[best],
            probabilities: probabilities, missingFeatures: missing)
    }

    /// A cluster's target range and the scores of its ends.
    public func performanceTargets(forCluster cluster: Int) -> PerformanceTargets {
        let range = model.targetPolicy.ladder.ranges[cluster]
        return PerformanceTargets(
            cluster: cluster, lowerPercentile: range.lower, upperPercentile: range.upper,
            targets: [range.lower, range.upper].map { .init(percentile: $0, score: targetScore($0)) })
    }

    /// The next target for `score` in `cluster` under `policy`, and the message that presents it.
    /// - Parameters:
    ///   - earlierScores: the player's earlier scores in the segment's window, oldest first
    ///     (for `personal` and `blended`; without enough of them the cohort ladder sets the target).
    ///   - variantKey: picks the message wording; the player's id keeps it stable across refreshes.
    ///   - showTarget: false for an experiment's control arm: the target is computed but the
    ///     message names none, and `target_shown` tells the game to hide it.
    public func motivationalMessage(
        score: Double, cluster: Int, policy: TargetPolicyKind = .cohort, earlierScores: [Double] = [],
        language: Language = .en, variantKey: String? = nil, showTarget: Bool = true
    ) -> MotivationalMessage {
        let cohort = NextTarget(
            score: score, cluster: cluster, ladder: model.targetPolicy.ladder, percentiles: model.percentiles)
        let chosen = PolicyTarget(
            policy: policy, score: score, earlier: earlierScores, cohort: cohort, settings: personalSettings,
            reasons: reasons, language: language)
        let current = model.percentiles.percentile(of: score)
        let values = MessageValues(
            points: chosen.score - score, target: chosen.score, targetPercentile: chosen.segmentPercentile ?? current,
            percentile: current, level: model.clusters[cluster].label,
            nextLevel: chosen.higherCluster.map { model.clusters[$0].label }, segment: segmentText)
        let rendered = catalog.renderedMessage(
            for: showTarget ? chosen.status : .noTarget, language: language, values: values,
            variantKey: variantKey ?? "\(score)")
        return MotivationalMessage(
            message: rendered.text, nextTarget: chosen.score, nextTargetPercentile: chosen.segmentPercentile,
            pointsToNextTarget: max(0, (chosen.score - score).rounded(.up)),
            currentPercentile: (current * 10).rounded() / 10, status: chosen.status,
            targetPolicy: policy.rawValue, targetReason: chosen.reason, targetShown: showTarget,
            templateId: rendered.templateId)
    }

    /// The whole analysis of one player, with the target of `input.targetPolicy` (`cohort`
    /// when it is nil); `showTarget` false hides the target (see `motivationalMessage`).
    public func analyze(_ input: AnalysisInput, language: Language = .en, showTarget: Bool = true) throws -> Analysis {
        let prediction = try predictCluster(input)
        return Analysis(
            segment: model.segment,
            playerData: PlayerData(
                score: input.score, age: input.age, startSpeed: input.startSpeed,
                durationMinutes: input.durationMinutes ?? Double(model.segment.durationMinutes)),
            clusterPrediction: prediction,
            performanceTargets: performanceTargets(forCluster: prediction.cluster),
            motivationalMessage: motivationalMessage(
                score: input.score, cluster: prediction.cluster, policy: input.targetPolicy ?? .cohort,
                earlierScores: input.recentScores ?? [], language: language, variantKey: input.userId,
                showTarget: showTarget),
            model: reference)
    }

    /// The analysis of values recorded in the player database rather than sent by a caller: an
    /// age or start speed the training's cleaning would have dropped (a date of birth in the
    /// future, a zero speed) is left out — the mixture is marginalised over it and
    /// `missing_features` says so — instead of refusing the player.
    /// - Throws: `AnalysisError.invalidField` for an impossible score.
    public func analyzeRecorded(_ input: AnalysisInput, language: Language = .en, showTarget: Bool = true) throws -> Analysis {
        try analyze(
            InputValidation.droppingImplausible(input, cleaning: model.training.cleaning), language: language,
            showTarget: showTarget)
    }

    /// The score shown for a percentile target: whole points, rounded up so that reaching it
    /// really means reaching the percentile.
    private func targetScore(_ percentile: Double) -> Double {
        model.percentiles.score(atPercentile: percentile).rounded(.up)
    }
}
