/// The reasons shown with the targets of one model, in each language. The fixed parts are made
/// once per model (every cohort analysis names one of the ladder's percentiles), and an analysis
/// only joins them with the player's age; the personal ones name the player's own numbers, so
/// they are made per analysis.
struct TargetReasons: Sendable {
    /// The fixed texts of one language.
    private struct Texts: Sendable {
        /// Cohort reasons over every player (format 1 models), by percentile.
        var everyPlayer: [Double: TargetReason] = [:]
        /// Cohort reasons over every age, for a player without an age, by percentile.
        var everyAge: [Double: TargetReason] = [:]
        /// The parts around the age of a cohort reason read at an age, by percentile.
        var aged: [Double: (before: String, after: String)] = [:]
        var personalStep: TargetReason
        var personalStepEveryAge: TargetReason
        var personalStepAged: (before: String, after: String)
    }

    /// Indexed by `Language.catalogIndex`.
    private let texts: [Texts]
    private let population: Int
    private let settings: PersonalTargetSettings
    /// Where the wordings come from, indexed by `Language.catalogIndex`.
    private let wordings: [ReasonWording]

    init(_ model: SegmentModel, personal settings: PersonalTargetSettings, catalog: MessageCatalog) {
        let ladder = model.targetPolicy.ladder
        let population = model.rows.players
        let percentiles = Set((0..<ladder.ranges.count).flatMap { ladder.steps(forCluster: $0) })
        let step = Int((ladder.personalStep * 100).rounded())
        wordings = Language.allCases.map { ReasonWording($0, catalog: catalog) }
        texts = Language.allCases.map { [wordings] language in
            let wording = wordings[language.catalogIndex]
            let segment = model.segment.name(in: language, catalog: catalog).full
            func reason(_ text: String, _ percentile: Double?) -> TargetReason {
                TargetReason(
                    source: percentile == nil ? .personalStep : .cohort, percentile: percentile, population: population, text: text)
            }
            let stepText = wording.personalStep(percent: step, population: population, segment: segment)
            var texts = Texts(
                personalStep: reason(stepText, nil),
                personalStepEveryAge: reason(wording.everyAge(stepText), nil),
                personalStepAged: wording.personalStepAged(percent: step, segment: segment))
            for percentile in percentiles {
                texts.everyPlayer[percentile] = reason(
                    wording.cohort(percentile: percentile, population: population, segment: segment), percentile)
                texts.everyAge[percentile] = reason(wording.everyAge(texts.everyPlayer[percentile]!.text), percentile)
                texts.aged[percentile] = wording.cohortAged(percentile: percentile, segment: segment)
            }
            return texts
        }
        self.population = population
        self.settings = settings
    }

    /// The reason for a cohort target at `percentile`, or for the personal step when it is `nil`.
    /// - Parameters:
    ///   - age: the age the percentiles were read at; nil when they are over every player.
    ///   - everyAge: whether the model has an age curve the player's missing age kept out.
    func reason(for percentile: Double?, age: AgeContext?, everyAge: Bool, language: Language) -> TargetReason {
        let texts = texts[language.catalogIndex]
        guard let age else {
            if let percentile {
                return (everyAge ? texts.everyAge[percentile] : texts.everyPlayer[percentile])!
            }
            return everyAge ? texts.personalStepEveryAge : texts.personalStep
        }
        let parts = percentile.map { texts.aged[$0]! } ?? texts.personalStepAged
        var text = parts.before + String(age.readAt) + parts.after
        if let end = age.clamped { text += wordings[language.catalogIndex].clamped(age, to: end) }
        return TargetReason(source: percentile == nil ? .personalStep : .cohort, percentile: percentile, population: population, text: text)
    }

    /// The cohort reason, saying the personal target needs more games than the window holds.
    func fallback(_ cohort: TargetReason, windowSize: Int, language: Language) -> TargetReason {
        var reason = cohort
        reason.text += wordings[language.catalogIndex].fallback(minimum: settings.minimumWorkouts, days: settings.days, have: windowSize)
        return reason
    }

    /// The cohort reason, saying the player's best recent games reach the target (`blended`).
    func withinReach(_ cohort: TargetReason, of personal: PersonalTarget, language: Language) -> TargetReason {
        var reason = cohort
        reason.text += wordings[language.catalogIndex].withinReach(
            percentile: settings.reachPercentile, games: personal.windowSize, reach: personal.reach)
        return reason
    }

    /// The reason for a personal target; `cohortTarget` is the cohort target `blended` passed
    /// over as out of reach. A target at or below `score` says why.
    func personal(_ personal: PersonalTarget, score: Double, cohortTarget: Double?, language: Language) -> TargetReason {
        let wording = wordings[language.catalogIndex]
        var text = wording.personal(percentile: personal.percentile, games: personal.windowSize)
        if let cohortTarget { text += wording.beyondReach(cohortTarget: cohortTarget, reach: personal.reach) }
        if personal.score <= score { text += wording.levelReached(score: score) }
        return TargetReason(
            source: .personal, percentile: personal.percentile, population: nil, windowSize: personal.windowSize, text: text)
    }
}
