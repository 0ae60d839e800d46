/// The reasons shown with the targets of one model, in each language. The cohort ones are made
/// once per model (the ladder has few percentiles, and every cohort analysis names one of
/// them); the personal ones name the player's own numbers, so they are made per analysis.
struct TargetReasons: Sendable {
    /// Indexed by `Language.catalogIndex`.
    private let cohort: [[Double: TargetReason]]
    private let personalStep: [TargetReason]
    private let settings: PersonalTargetSettings

    init(_ model: SegmentModel, personal settings: PersonalTargetSettings) {
        let ladder = model.targetPolicy.ladder
        let population = model.rows.players
        let segment = model.segment.description
        let percentiles = Set(ladder.ranges.flatMap { [$0.lower, $0.upper] } + [ladder.stretchPercentile])
        let step = Int((ladder.personalStep * 100).rounded())
        cohort = Language.allCases.map { language in
            let wording = ReasonWording(language)
            return Dictionary(uniqueKeysWithValues: percentiles.map { percentile in
                (percentile, TargetReason(
                    source: "cohort", percentile: percentile, population: population,
                    text: wording.cohort(percentile: percentile, population: population, segment: segment)))
            })
        }
        personalStep = Language.allCases.map { language in
            TargetReason(
                source: "personal_step", percentile: nil, population: population,
                text: ReasonWording(language).personalStep(percent: step, population: population, segment: segment))
        }
        self.settings = settings
    }

    /// The reason for a cohort target at `percentile`, or for the personal step when it is `nil`.
    func reason(for percentile: Double?, language: Language) -> TargetReason {
        percentile.flatMap { cohort[language.catalogIndex][$0] } ?? personalStep[language.catalogIndex]
    }

    /// The cohort reason, saying the personal target needs more games than the window holds.
    func fallback(for percentile: Double?, windowSize: Int, language: Language) -> TargetReason {
        var reason = reason(for: percentile, language: language)
        reason.text += ReasonWording(language).fallback(minimum: settings.minimumWorkouts, days: settings.days, have: windowSize)
        return reason
    }

    /// The cohort reason, saying the player's best recent games reach the target (`blended`).
    func withinReach(for percentile: Double?, of personal: PersonalTarget, language: Language) -> TargetReason {
        var reason = reason(for: percentile, language: language)
        reason.text += ReasonWording(language).withinReach(
            percentile: settings.reachPercentile, games: personal.windowSize, reach: personal.reach)
        return reason
    }

    /// The reason for a personal target; `cohortTarget` is the cohort target `blended` passed
    /// over as out of reach. A target at or below `score` says why.
    func personal(_ personal: PersonalTarget, score: Double, cohortTarget: Double?, language: Language) -> TargetReason {
        let wording = ReasonWording(language)
        var text = wording.personal(percentile: personal.percentile, games: personal.windowSize)
        if let cohortTarget { text += wording.beyondReach(cohortTarget: cohortTarget, reach: personal.reach) }
        if personal.score <= score { text += wording.levelReached(score: score) }
        return TargetReason(
            source: "personal", percentile: personal.percentile, population: nil, windowSize: personal.windowSize, text: text)
    }
}
