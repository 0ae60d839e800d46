import Foundation
import GaussianMixture

/// A trained segment: everything `analyze` needs and everything a person auditing the model
/// wants to see. Stored as one versioned JSON file per segment (see docs/model-format.md).
public struct SegmentModel: Codable, Sendable {
    /// The file format this engine writes; it reads this one and every earlier one.
    public static let currentFormat = 2

    /// The file format version.
    public var format: Int = SegmentModel.currentFormat
    /// A content hash of the trained parameters: the same data and options give the same id.
    public var id: String
    /// The segment the model was trained for.
    public var segment: SegmentKey
    /// When training ran.
    public var trainedAt: Date
    /// The engine version that trained it.
    public var engineVersion: String
    /// The options training ran with.
    public var training: TrainingOptions
    /// Row and player counts.
    public var rows: RowCounts
    /// What cleaning dropped, and why.
    public var cleaning: CleaningReport
    /// The features the mixture uses, in its column order (`score` first).
    public var features: [Feature]
    /// Features left out because they were constant in the segment.
    public var droppedFeatures: [DroppedFeature]
    /// The standardisation of the features.
    public var scaler: Standardizer
    /// The segment's centile curves of score against age (nil in format 1 files, whose
    /// percentiles are the segment's whatever the age).
    public var ageCurve: AgeCurve?
    /// The mixture, in standard units, components ordered by the mean of their first feature
    /// (the age-graded score, or the score for seed levels).
    public var mixture: GaussianMixtureModel
    /// How the fit went.
    public var fit: FitSummary
    /// One entry per cluster, in order.
    public var clusters: [ClusterSummary]
    /// Percentiles 0…100 of the per-player scores.
    public var percentiles: PercentileTable
    /// The target policy and its ladder.
    public var targetPolicy: TargetPolicy
    /// BIC and AIC for every cluster count tried.
    public var bicCurve: [CurvePoint]

    enum CodingKeys: String, CodingKey {
        case format, id, segment, training, rows, cleaning, features, scaler, mixture, fit, clusters, percentiles
        case trainedAt = "trained_at"
        case engineVersion = "engine_version"
        case droppedFeatures = "dropped_features"
        case ageCurve = "age_curve"
        case targetPolicy = "target_policy"
        case bicCurve = "bic_curve"
    }

    /// Row and player counts of training.
    public struct RowCounts: Codable, Sendable, Equatable {
        /// Workouts given to training.
        public var input: Int
        /// Workouts kept by cleaning.
        public var kept: Int
        /// Distinct players among the kept workouts.
        public var players: Int
        /// Rows the mixture was fitted on (one per player unless aggregation is `all`).
        public var training: Int
    }

    /// A feature left out of the model.
    public struct DroppedFeature: Codable, Sendable, Equatable {
        /// The feature left out.
        public var feature: Feature
        /// Why (`constant`).
        public var reason: String
        /// The constant value.
        public var value: Double
    }

    /// Facts about the EM fit.
    public struct FitSummary: Codable, Sendable, Equatable {
        /// Whether EM converged within its iteration limit.
        public var converged: Bool
        /// EM iterations of the kept initialisation.
        public var iterations: Int
        /// The mean log-likelihood lower bound at the end.
        public var lowerBound: Double
        /// The Bayesian information criterion of the fit (lower is better).
        public var bic: Double
        /// Akaike's information criterion of the fit.
        public var aic: Double

        enum CodingKeys: String, CodingKey {
            case converged, iterations, bic, aic
            case lowerBound = "lower_bound"
        }
    }

    /// One cluster count's information criteria.
    public struct CurvePoint: Codable, Sendable, Equatable {
        /// The number of clusters tried.
        public var components: Int
        /// Its BIC.
        public var bic: Double
        /// Its AIC.
        public var aic: Double
    }
}

/// One cluster of a segment model, described in the features' original units.
public struct ClusterSummary: Codable, Sendable, Equatable {
    /// The cluster's index (0 is the lowest level).
    public var cluster: Int
    /// Its name, e.g. `Advanced`.
    public var label: String
    /// Training rows assigned to it.
    public var size: Int
    /// Its share of the training rows.
    public var share: Double
    /// Mean score of its rows.
    public var scoreMean: Double
    /// Standard deviation of its rows' scores.
    public var scoreStd: Double
    /// Mean of each used feature over its rows, by feature name.
    public var featureMeans: [String: Double]
    /// Mean age of its rows (nil in format 1 files): levels of skill should not be age groups.
    public var ageMean: Double?
    /// Its target range.
    public var targets: TargetRange

    enum CodingKeys: String, CodingKey {
        case cluster, label, size, share, targets
        case scoreMean = "score_mean"
        case scoreStd = "score_std"
        case featureMeans = "feature_means"
        case ageMean = "age_mean"
    }
}

/// The policy that sets targets, with its parameters.
public struct TargetPolicy: Codable, Sendable, Equatable {
    /// The policy's name (`cohort`).
    public var name: String
    /// The cohort ladder.
    public var ladder: TargetLadder

    /// The cohort policy with the standard ladder.
    public static func cohort(clusters: Int) -> TargetPolicy {
        TargetPolicy(name: "cohort", ladder: .standard(clusters: clusters))
    }
}
