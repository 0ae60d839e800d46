import Foundation

/// The cohort rule for a player's next target: the lowest target of their range above their
/// score; past the range, the next range up the ladder; past the top range, the stretch
/// percentile; above every percentile, a personal step above their own score. The target is
/// always above the player's score.
struct NextTarget: Equatable {
    /// The target score.
    let score: Double
    /// The percentile it stands for; `nil` for a personal step.
    let percentile: Double?
    let status: TargetStatus
    /// The cluster whose range holds the target, when it is above the player's own range.
    let higherCluster: Int?

    /// - Parameters:
    ///   - score: the player's score.
    ///   - cluster: the player's cluster.
    ///   - ladder: the ranges and stretch settings.
    ///   - percentiles: the segment's score percentiles.
    init(score: Double, cluster: Int, ladder: TargetLadder, percentiles: PercentileTable) {
        let own = ladder.ranges[cluster]
        var candidates: [(percentile: Double, cluster: Int?)] = [(own.lower, cluster), (own.upper, cluster)]
        for higher in (cluster + 1)..<max(cluster + 1, ladder.ranges.count) {
            candidates += [(ladder.ranges[higher].lower, higher), (ladder.ranges[higher].upper, higher)]
        }
        candidates.append((ladder.stretchPercentile, nil))
        let above = candidates.first { percentiles.score(atPercentile: $0.percentile) > score }
        guard let next = above else {
            self.score = (score * (1 + ladder.personalStep)).rounded(.up)
            percentile = nil
            status = .newPersonalLevel
            higherCluster = nil
            return
        }
        self.score = percentiles.score(atPercentile: next.percentile)
        percentile = next.percentile
        if next.percentile == own.lower, next.cluster == cluster {
            let gap = self.score - score
            status = gap <= ladder.approachingFraction * self.score ? .approaching : .belowRange
            higherCluster = nil
        } else if next.percentile == own.upper, next.cluster == cluster {
            status = .inRange
            higherCluster = nil
        } else {
            status = .topOfRange
            higherCluster = next.cluster
        }
    }
}
