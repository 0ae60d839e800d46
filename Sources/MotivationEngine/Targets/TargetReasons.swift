/// The reason shown with each cohort target of a model, made once per model: the ladder has
/// few percentiles, and every analysis names one of them (or the personal step).
struct TargetReasons: Sendable {
    private let cohort: [Double: TargetReason]
    private let personalStep: TargetReason

    init(_ model: SegmentModel) {
        let ladder = model.targetPolicy.ladder
        let population = model.rows.players
        let percentiles = Set(ladder.ranges.flatMap { [$0.lower, $0.upper] } + [ladder.stretchPercentile])
        cohort = Dictionary(uniqueKeysWithValues: percentiles.map { percentile in
            let ordinal = NumberStyle.english.percentileOrdinal(percentile)
            return (percentile, TargetReason(
                source: "cohort", percentile: percentile, population: population,
                text: "the \(ordinal) percentile of the \(population) players in \(model.segment)"))
        })
        let step = Int((ladder.personalStep * 100).rounded())
        personalStep = TargetReason(
            source: "personal_step", percentile: nil, population: population,
            text: "\(step)% above your score: you are above every percentile of the \(population) players in \(model.segment)")
    }

    /// The reason for a target at `percentile`, or for the personal step when it is `nil`.
    func reason(for percentile: Double?) -> TargetReason {
        percentile.flatMap { cohort[$0] } ?? personalStep
    }
}
