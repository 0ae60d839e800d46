/// The target a policy sets for one analysis, with the status that picks its message and the
/// reason that explains it.
struct PolicyTarget {
    let score: Double
    /// The segment percentile the target stands for; nil for a personal target or step.
    let segmentPercentile: Double?
    let status: TargetStatus
    /// The cluster whose range holds a cohort target above the player's own range.
    let higherCluster: Int?
    let reason: TargetReason
}

extension PolicyTarget {
    /// The target `policy` sets (in an extension, so the memberwise initialiser stays).
    /// - Parameters:
    ///   - score: the player's latest score.
    ///   - earlier: the player's earlier scores in the segment's window, oldest first.
    ///   - cohort: the cohort ladder's next target.
    ///   - cohortReason: the reason for the cohort target.
    ///   - language: the language of the reason.
    init(
        policy: TargetPolicyKind, score: Double, earlier: [Double], cohort: NextTarget, cohortReason: TargetReason,
        settings: PersonalTargetSettings, reasons: TargetReasons, language: Language
    ) {
        func cohortTarget(_ reason: TargetReason) -> PolicyTarget {
            PolicyTarget(
                score: cohort.score.rounded(.up), segmentPercentile: cohort.percentile, status: cohort.status,
                higherCluster: cohort.higherCluster, reason: reason)
        }
        guard policy != .cohort else {
            self = cohortTarget(cohortReason)
            return
        }
        guard let personal = PersonalTarget(score: score, earlier: earlier, settings: settings) else {
            let windowSize = min(earlier.count + 1, settings.workouts)
            self = cohortTarget(reasons.fallback(cohortReason, windowSize: windowSize, language: language))
            return
        }
        if policy == .blended && personal.reach >= cohort.score {
            self = cohortTarget(reasons.withinReach(cohortReason, of: personal, language: language))
            return
        }
        self.score = personal.score
        segmentPercentile = nil
        status = personal.score > score ? .personalTarget : .personalLevelReached
        higherCluster = nil
        reason = reasons.personal(
            personal, score: score, cohortTarget: policy == .blended ? cohort.score.rounded(.up) : nil, language: language)
    }
}
