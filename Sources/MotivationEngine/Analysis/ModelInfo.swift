import Foundation

/// A summary of a segment model for people and dashboards (the original's `get_model_info`).
public struct ModelInfo: Codable, Sendable, Equatable {
    /// The model file's format version (1 files have no age curve and seed levels).
    public var format: Int
    /// What the levels are fitted on.
    public var levels: LevelBasis
    public var id: String
    public var segment: SegmentKey
    public var trainedAt: Date
    public var engineVersion: String
    public var rows: SegmentModel.RowCounts
    public var cleaning: CleaningReport
    public var features: [Feature]
    public var droppedFeatures: [SegmentModel.DroppedFeature]
    public var fit: SegmentModel.FitSummary
    public var clusters: [ClusterInfo]
    public var targetPolicy: String
    public var bicCurve: [SegmentModel.CurvePoint]

    /// A cluster with its target scores.
    public struct ClusterInfo: Codable, Sendable, Equatable {
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
            format: model.format, levels: model.training.levels, id: model.id, segment: model.segment, trainedAt: model.trainedAt, engineVersion: model.engineVersion,
            rows: model.rows, cleaning: model.cleaning, features: model.features,
            droppedFeatures: model.droppedFeatures, fit: model.fit,
            clusters: model.clusters.map { cluster in
                .init(summary: cluster, targetScores: performanceTargets(forCluster: cluster.cluster).targets.map(\.score))
            },
            targetPolicy: model.targetPolicy.name, bicCurve: model.bicCurve)
    }
}
