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
    /// The segment's name, indexed by `Language.catalogIndex`.
    private let segmentNames: [String]
    private let reasons: TargetReasons
    /// The ladder's steps for each cluster.
    private let steps: [[Double]]

    /// The engine of `model`, with messages from `catalog` and personal targets by `personal`.
    public init(model: SegmentModel, catalog: MessageCatalog = .shared, personal: PersonalTargetSettings = .standard) {
        self.model = model
        self.catalog = catalog
        personalSettings = personal
        reference = ModelReference(id: model.id, trainedAt: ISO8601DateFormatter().string(from: model.trainedAt))
        segmentNames = Language.allCases.map { model.segment.name(in: $0, catalog: catalog).full }
        reasons = TargetReasons(model, personal: personal, catalog: catalog)
        steps = model.clusters.indices.map(model.targetPolicy.ladder.steps(forCluster:))
    }

    /// Where a player of `age` stands: among players of that age through the age curve, or among
    /// every player when the age is nil or the model (format 1) has no curve.
    public func scale(forAge age: Double?) -> PercentileScale {
        PercentileScale(model: model, age: age)
    }

    /// The player's cluster, its confidence and every cluster's probability (to six decimals).
    /// - Throws: `AnalysisError.invalidField` for an absurd or non-finite value.
    public func predictCluster(_ input: AnalysisInput) throws -> ClusterPrediction {
        try InputValidation.check(input, cleaning: model.training.cleaning)
        return try predict(input, scale: scale(forAge: input.age))
    }

    private func predict(_ input: AnalysisInput, scale: PercentileScale) throws -> ClusterPrediction {
        var row = [Double](repeating: .nan, count: model.features.count)
        var missing: [Feature] = []
        for (j, feature) in model.features.enumerated() {
            switch feature {
            case .score: row[j] = input.score
            case .ageGradedScore:
                // Without an age the score is graded among players of every age.
                row[j] = scale.gradedScore(of: input.score)
                if input.age == nil { missing.append(.age) }
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

    /// A cluster's target range and the scores of its ends for a player of `age` (over every
    /// player when nil).
    public func performanceTargets(forCluster cluster: Int, age: Double? = nil) -> PerformanceTargets {
        performanceTargets(forCluster: cluster, scale: scale(forAge: age))
    }

    private func performanceTargets(forCluster cluster: Int, scale: PercentileScale) -> PerformanceTargets {
        let range = model.targetPolicy.ladder.ranges[cluster]
        return PerformanceTargets(
            cluster: cluster, lowerPercentile: range.lower, upperPercentile: range.upper,
            targets: [range.lower, range.upper].map { .init(percentile: $0, score: scale.score(atPercentile: $0).rounded(.up)) })
    }

    /// The next target for `score` in `cluster` under `policy`, and the message that presents it.
    /// - Parameters:
    ///   - age: the player's age: percentiles are among players of that age (over every player when nil).
    ///   - earlierScores: the player's earlier scores in the segment's window, oldest first
    ///     (for `personal` and `blended`; without enough of them the cohort ladder sets the target).
    ///   - variantKey: picks the message wording; the player's id keeps it stable across refreshes.
    ///   - showTarget: false for an experiment's control arm: the target is computed but the
    ///     message names none, and `target_shown` tells the game to hide it.
    public func motivationalMessage(
        score: Double, age: Double? = nil, cluster: Int, policy: TargetPolicyKind = .cohort, earlierScores: [Double] = [],
        language: Language = .en, variantKey: String? = nil, showTarget: Bool = true
    ) -> MotivationalMessage {
        motivationalMessage(
            score: score, age: age, scale: scale(forAge: age), cluster: cluster, policy: policy, earlierScores: earlierScores,
            language: language, variantKey: variantKey, showTarget: showTarget)
    }

    private func motivationalMessage(
        score: Double, age: Double?, scale: PercentileScale, cluster: Int, policy: TargetPolicyKind, earlierScores: [Double],
        language: Language, variantKey: String?, showTarget: Bool
    ) -> MotivationalMessage {
        let current = scale.percentile(of: score)
        let cohort = NextTarget(
            score: score, current: current, cluster: cluster, ladder: model.targetPolicy.ladder, steps: steps[cluster],
            scale: scale)
        let cohortReason = reasons.reason(
            for: cohort.percentile, age: AgeContext(age: age, scale: scale), everyAge: model.ageCurve != nil,
            language: language)
        let chosen = PolicyTarget(
            policy: policy, score: score, earlier: earlierScores, cohort: cohort, cohortReason: cohortReason,
            settings: personalSettings, reasons: reasons, language: language)
        let values = MessageValues(
            points: chosen.score - score, target: chosen.score, targetPercentile: chosen.segmentPercentile ?? current,
            percentile: current, level: model.clusters[cluster].label,
            nextLevel: chosen.higherCluster.map { model.clusters[$0].label }, segment: segmentNames[language.catalogIndex])
        let rendered = catalog.renderedMessage(
            for: showTarget ? chosen.status : .noTarget, language: language, values: values,
            variantKey: variantKey ?? "\(score)")
        return MotivationalMessage(
            message: rendered.text, nextTarget: chosen.score, nextTargetPercentile: chosen.segmentPercentile,
            pointsToNextTarget: max(0, (chosen.score - score).rounded(.up)),
            currentPercentile: (current * 10).rounded() / 10, status: chosen.status,
            targetPolicy: policy, targetReason: chosen.reason, targetShown: showTarget,
            templateId: rendered.templateId)
    }

    /// The whole analysis of one player, with the target of `input.targetPolicy` (`cohort`
    /// when it is nil); `showTarget` false hides the target (see `motivationalMessage`).
    public func analyze(_ input: AnalysisInput, language: Language = .en, showTarget: Bool = true) throws -> Analysis {
        try InputValidation.check(input, cleaning: model.training.cleaning)
        let scale = scale(forAge: input.age)
        let prediction = try predict(input, scale: scale)
        return Analysis(
            segment: model.segment,
            playerData: PlayerData(
                score: input.score, age: input.age, startSpeed: input.startSpeed,
                durationMinutes: input.durationMinutes ?? Double(model.segment.durationMinutes)),
            clusterPrediction: prediction,
            performanceTargets: performanceTargets(forCluster: prediction.cluster, scale: scale),
            motivationalMessage: motivationalMessage(
                score: input.score, age: input.age, scale: scale, cluster: prediction.cluster,
                policy: input.targetPolicy ?? .cohort, earlierScores: input.recentScores ?? [], language: language,
                variantKey: input.userId, showTarget: showTarget),
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
}
