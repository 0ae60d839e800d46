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
        // Candidates in order: the player's range, each higher range, then the stretch goal.
        for candidate in cluster..<ladder.ranges.count {
            let range = ladder.ranges[candidate]
            for (percentile, isLower) in [(range.lower, true), (range.upper, false)] {
                let target = percentiles.score(atPercentile: percentile)
                guard target > score else { continue }
                self.score = target
                self.percentile = percentile
                if candidate != cluster {
                    status = .topOfRange
                    higherCluster = candidate
                } else if isLower {
                    status = target - score <= ladder.approachingFraction * target ? .approaching : .belowRange
                    higherCluster = nil
                } else {
                    status = .inRange
                    higherCluster = nil
                }
                return
            }
        }
        let stretch = percentiles.score(atPercentile: ladder.stretchPercentile)
        if stretch > score {
            self.score = stretch
            percentile = ladder.stretchPercentile
            status = .topOfRange
        } else {
            self.score = (score * (1 + ladder.personalStep)).rounded(.up)
            percentile = nil
            status = .newPersonalLevel
        }
        higherCluster = nil
    }
}
