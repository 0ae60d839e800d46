import Foundation

/// The cohort rule for a player's next target: the next step of the ladder above the player's
/// percentile — with rungs, the next rung (every 5th percentile by default) at least
/// `TargetLadder.minimumStep` above it, so a target is a step a player can reach rather than the
/// far end of their range; without rungs (format 1 models), the next end of their range or of a
/// higher one. Past the stretch percentile it is a personal step above their own score. The
/// target is always above the player's score.
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
    ///   - current: the player's percentile on `scale`.
    ///   - cluster: the player's cluster.
    ///   - ladder: the ranges and stretch settings.
    ///   - steps: `ladder.steps(forCluster: cluster)`.
    ///   - scale: the player's percentile scale.
    init(score: Double, current: Double, cluster: Int, ladder: TargetLadder, steps: [Double], scale: PercentileScale) {
        let lowest = ladder.rung == nil ? -Double.infinity : current + TargetLadder.minimumStep
        let range = ladder.ranges[cluster]
        for step in steps where step >= lowest {
            let target = scale.score(atPercentile: step)
            guard target > score else { continue }
            self.score = target
            self.percentile = step
            if step > range.upper {
                status = .topOfRange
                // nil past the top range: the stretch goal.
                higherCluster = ladder.ranges.indices.first { $0 > cluster && ladder.ranges[$0].upper >= step }
            } else if step <= range.lower {
                status = target - score <= ladder.approachingFraction * target ? .approaching : .belowRange
                higherCluster = nil
            } else {
                status = .inRange
                higherCluster = nil
            }
            return
        }
        self.score = (score * (1 + ladder.personalStep)).rounded(.up)
        percentile = nil
        status = .newPersonalLevel
        higherCluster = nil
    }
}
