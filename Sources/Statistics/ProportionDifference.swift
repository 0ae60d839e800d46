/// The difference p₁ − p₂ of two independent proportions with Newcombe's hybrid score
/// interval (Newcombe 1998, method 10), built from the two Wilson intervals [l₁, u₁] and
/// [l₂, u₂]:
///
///     low  = p₁ − p₂ − √((p₁ − l₁)² + (u₂ − p₂)²)
///     high = p₁ − p₂ + √((u₁ − p₁)² + (p₂ − l₂)²)
///
/// It keeps close to its nominal coverage for small samples and for proportions near 0 or 1,
/// where the Wald interval fails, and it is always finite.
public struct ProportionDifference: Sendable, Equatable {
    /// p₁ − p₂.
    public var estimate: Double
    /// The difference's confidence interval.
    public var interval: ConfidenceInterval

    /// `first − second`; nil when either has no trials.
    /// - Precondition: `confidence` is in (0, 1).
    public init?(_ first: Proportion, minus second: Proportion, confidence: Double) {
        guard let p1 = first.estimate, let p2 = second.estimate,
            let interval1 = first.wilsonInterval(confidence: confidence),
            let interval2 = second.wilsonInterval(confidence: confidence)
        else { return nil }
        let lowerDistance =
            ((p1 - interval1.low) * (p1 - interval1.low)
            + (interval2.high - p2) * (interval2.high - p2)).squareRoot()
        let upperDistance =
            ((interval1.high - p1) * (interval1.high - p1)
            + (p2 - interval2.low) * (p2 - interval2.low)).squareRoot()
        estimate = p1 - p2
        interval = ConfidenceInterval(
            low: max(-1, estimate - lowerDistance), high: min(1, estimate + upperDistance))
    }
}
