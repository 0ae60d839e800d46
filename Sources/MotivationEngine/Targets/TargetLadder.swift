/// A cluster's target range: the percentiles of the segment's score distribution that its
/// players aim for, from `lower` to `upper`.
public struct TargetRange: Codable, Sendable, Equatable {
    /// The range's lower percentile.
    public let lower: Double
    /// The range's upper percentile.
    public let upper: Double

    /// The range from `lower` to `upper`.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// The cohort target policy: a ladder of percentile ranges, one per cluster, climbed from the
/// lowest cluster up, with a stretch goal above the top.
public struct TargetLadder: Codable, Sendable, Equatable {
    /// One range per cluster, in cluster order.
    public let ranges: [TargetRange]
    /// The top cluster's goal past its range (the 99th percentile by default).
    public let stretchPercentile: Double
    /// Above every percentile, the next target is the score plus this fraction of it.
    public let personalStep: Double
    /// Below its range, a player within this fraction of the first target is `approaching`.
    public let approachingFraction: Double
    /// The spacing of the rungs the next target climbs, in percentiles (5: the 30th, 35th, …);
    /// nil in format 1 files, whose targets are the ranges' ends only.
    public let rung: Double?

    /// The least distance, in percentiles, from a player's percentile to their next rung: a rung
    /// closer than this is skipped for the one after, so a target is never a trivial step.
    public static let minimumStep = 1.0

    enum CodingKeys: String, CodingKey {
        case ranges, rung
        case stretchPercentile = "stretch_percentile"
        case personalStep = "personal_step"
        case approachingFraction = "approaching_fraction"
    }

    /// The ranges bottom-up: 25→50, 50→75, 75→90, 90→95 (the original's four levels),
    /// then 95→97, 97→98, 98→99, 99→99.5 for larger k.
    static let standardRanges: [TargetRange] = [
        (25, 50), (50, 75), (75, 90), (90, 95), (95, 97), (97, 98), (98, 99), (99, 99.5),
    ].map { TargetRange(lower: $0.0, upper: $0.1) }

    /// The default ladder for `clusters` clusters (at most 8).
    public static func standard(clusters: Int) -> TargetLadder {
        TargetLadder(
            ranges: Array(standardRanges.prefix(clusters)), stretchPercentile: 99, personalStep: 0.02,
            approachingFraction: 0.1, rung: 5)
    }

    /// A ladder of `ranges` climbed in steps of `rung` percentiles (nil: the ends only), with its stretch percentile, personal step and approaching fraction.
    public init(
        ranges: [TargetRange], stretchPercentile: Double, personalStep: Double, approachingFraction: Double,
        rung: Double? = nil
    ) {
        self.ranges = ranges
        self.stretchPercentile = stretchPercentile
        self.personalStep = personalStep
        self.approachingFraction = approachingFraction
        self.rung = rung
    }

    /// The percentiles a player of `cluster` may be sent to, increasing: every rung below the
    /// stretch percentile, the ends of the cluster's range and of every range above it, and the
    /// stretch percentile. Without rungs (format 1), only the ends and the stretch.
    func steps(forCluster cluster: Int) -> [Double] {
        var steps = Set(ranges[cluster...].flatMap { [$0.lower, $0.upper] } + [stretchPercentile])
        if let rung, rung > 0 {
            steps.formUnion(stride(from: rung, to: stretchPercentile, by: rung))
        }
        return steps.sorted()
    }
}
