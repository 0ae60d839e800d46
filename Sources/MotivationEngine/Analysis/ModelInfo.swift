import Foundation

/// A summary of a segment model for people and dashboards (the original's `get_model_info`).
public struct ModelInfo: Codable, Sendable, Equatable {
    /// The model file's format version (1 files have no age curve and seed levels).
    public var format: Int
    /// What the levels are fitted on.
    public var levels: LevelBasis
    /// The model's id.
    public var id: String
    /// The model's segment.
    public var segment: SegmentKey
    /// When it was trained.
    public var trainedAt: Date
    /// The engine version that trained it.
    public var engineVersion: String
    /// Workouts and players it was trained on.
    public var rows: SegmentModel.RowCounts
    /// What cleaning dropped, by reason.
    public var cleaning: CleaningReport
    /// The features the mixture segments on.
    public var features: [Feature]
    /// Features left out, and why (e.g. constant in the segment).
    public var droppedFeatures: [SegmentModel.DroppedFeature]
    /// How the mixture's fit went: convergence, iterations, BIC, AIC.
    public var fit: SegmentModel.FitSummary
    /// The levels, lowest first, with their summaries and target ranges.
    public var clusters: [ClusterInfo]
    /// The name of the model's target policy.
    public var targetPolicy: String
    /// BIC and AIC of every number of clusters tried.
    public var bicCurve: [SegmentModel.CurvePoint]

    /// A cluster with its target scores.
    public struct ClusterInfo: Codable, Sendable, Equatable {
        /// The level's players: size, share, scores and mean age.
        public var summary: ClusterSummary
        /// The scores of the range's lower and upper percentile.
        public var targetScores: [Double]

        enum CodingKeys: String, CodingKey {
            case summary
            case targetScores = "target_scores"
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, levels, id, segment, rows, cleaning, features, fit, clusters
        case trainedAt = "trained_at"
        case engineVersion = "engine_version"
        case droppedFeatures = "dropped_features"
        case targetPolicy = "target_policy"
        case bicCurve = "bic_curve"
    }
}

extension SegmentEngine {
    /// The model's summary.
    public var modelInfo: ModelInfo {
        ModelInfo(
            format: model.format, levels: model.training.levels, id: model.id, segment: model.segment, trainedAt: model.trainedAt,
            engineVersion: model.engineVersion,
            rows: model.rows, cleaning: model.cleaning, features: model.features,
            droppedFeatures: model.droppedFeatures, fit: model.fit,
            clusters: model.clusters.map { cluster in
                .init(summary: cluster, targetScores: performanceTargets(forCluster: cluster.cluster).targets.map(\.score))
            },
            targetPolicy: model.targetPolicy.name, bicCurve: model.bicCurve)
    }
}
