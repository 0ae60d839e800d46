/// The reasons shown with the targets of one model. The cohort ones are made once per model
/// (the ladder has few percentiles, and every cohort analysis names one of them); the personal
/// ones name the player's own numbers, so they are made per analysis.
struct TargetReasons: Sendable {
    private let cohort: [Double: TargetReason]
    private let personalStep: TargetReason
    private let settings: PersonalTargetSettings
    private static let style = NumberStyle.english

    init(_ model: SegmentModel, personal settings: PersonalTargetSettings) {
        let ladder = model.targetPolicy.ladder
        let population = model.rows.players
        let percentiles = Set(ladder.ranges.flatMap { [$0.lower, $0.upper] } + [ladder.stretchPercentile])
        cohort = Dictionary(uniqueKeysWithValues: percentiles.map { percentile in
            let ordinal = Self.style.percentileOrdinal(percentile)
            return (percentile, TargetReason(
                source: "cohort", percentile: percentile, population: population,
                text: "the \(ordinal) percentile of the \(population) players in \(model.segment)"))
        })
        let step = Int((ladder.personalStep * 100).rounded())
        personalStep = TargetReason(
            source: "personal_step", percentile: nil, population: population,
            text: "\(step)% above your score: you are above every percentile of the \(population) players in \(model.segment)")
        self.settings = settings
    }

    /// The reason for a cohort target at `percentile`, or for the personal step when it is `nil`.
    func reason(for percentile: Double?) -> TargetReason {
        percentile.flatMap { cohort[$0] } ?? personalStep
    }

    /// The cohort reason, saying the personal target needs more games than the window holds.
    func fallback(for percentile: Double?, windowSize: Int) -> TargetReason {
        var reason = reason(for: percentile)
        reason.text += "; a personal target needs \(settings.minimumWorkouts) of your games in \(settings.days) days, "
            + "you have \(windowSize) so far"
        return reason
    }

    /// The cohort reason, saying the player's best recent games reach the target (`blended`).
    func withinReach(for percentile: Double?, of personal: PersonalTarget) -> TargetReason {
        var reason = reason(for: percentile)
        reason.text += ", within reach: the \(Self.style.percentileOrdinal(settings.reachPercentile)) percentile "
            + "of your last \(gamesText(personal.windowSize)) is \(Self.style.formatScore(personal.reach))"
        return reason
    }

    /// The reason for a personal target; `cohortTarget` is the cohort target `blended` passed
    /// over as out of reach. A target at or below `score` says why.
    func personal(_ personal: PersonalTarget, score: Double, cohortTarget: Double?) -> TargetReason {
        var text = "your \(Self.style.percentileOrdinal(personal.percentile)) percentile over your last \(gamesText(personal.windowSize))"
        if let cohortTarget {
            text += " (the cohort target of \(Self.style.formatScore(cohortTarget)) is beyond your best recent games, "
                + "\(Self.style.formatScore(personal.reach)))"
        }
        if personal.score <= score {
            text += "; today's \(Self.style.formatScore(score)) is above it, so the target is to hold that level"
        }
        return TargetReason(
            source: "personal", percentile: personal.percentile, population: nil, windowSize: personal.windowSize, text: text)
    }

    private func gamesText(_ count: Int) -> String {
        count == 1 ? "game" : "\(count) games"
    }
}
