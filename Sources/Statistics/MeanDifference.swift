/// The difference of two independent means with Welch's interval, which does not assume equal
/// variances: (m₁ − m₂) ± t(ν) · √(s₁²/n₁ + s₂²/n₂), with the Welch–Satterthwaite degrees of
/// freedom ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)).
public struct MeanDifference: Sendable, Equatable {
    /// m₁ − m₂.
    public var estimate: Double
    /// nil when either sample has fewer than two values (its spread is unknown). When neither
    /// sample varies, the interval is the estimate alone.
    public var interval: ConfidenceInterval?
    /// ν; nil with the interval, and when neither sample varies.
    public var degreesOfFreedom: Double?

    /// `first − second`; nil when either sample is empty.
    /// - Precondition: `confidence` is in (0, 1).
    public init?(_ first: SampleMoments, minus second: SampleMoments, confidence: Double) {
        guard let mean1 = first.mean, let mean2 = second.mean else { return nil }
        estimate = mean1 - mean2
        guard let variance1 = first.variance, let variance2 = second.variance else {
            interval = nil
            degreesOfFreedom = nil
            return
        }
        let share1 = variance1 / Double(first.count)
        let share2 = variance2 / Double(second.count)
        let standardError = (share1 + share2).squareRoot()
        guard standardError > 0 else {
            interval = ConfidenceInterval(low: estimate, high: estimate)
            degreesOfFreedom = nil
            return
        }
        // ν from the shares of the variance, which stays finite for any magnitude.
        let weight1 = share1 / (share1 + share2)
        let weight2 = share2 / (share1 + share2)
        let nu = 1 / (weight1 * weight1 / Double(first.count - 1) + weight2 * weight2 / Double(second.count - 1))
        let half = StudentTDistribution.criticalValue(confidence: confidence, degreesOfFreedom: nu) * standardError
        interval = ConfidenceInterval(low: estimate - half, high: estimate + half)
        degreesOfFreedom = nu
    }
}
