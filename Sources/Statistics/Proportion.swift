/// A count of successes out of a number of trials, such as players who returned out of
/// players whose window has elapsed.
public struct Proportion: Sendable, Equatable {
    /// The successes counted.
    public var successes: Int
    /// The trials counted.
    public var trials: Int

    /// A proportion of `successes` in `trials`.
    public init(successes: Int = 0, trials: Int = 0) {
        self.successes = successes
        self.trials = trials
    }

    /// Counts one more trial.
    @inline(__always)
    public mutating func add(_ success: Bool) {
        trials += 1
        if success { successes += 1 }
    }

    /// successes / trials; nil without trials.
    public var estimate: Double? {
        trials > 0 ? Double(successes) / Double(trials) : nil
    }

    /// The Wilson score interval (Wilson 1927): the proportions p whose score test
    /// |p̂ − p| / √(p(1 − p)/n) ≤ z does not reject, i.e.
    /// (p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), clipped to [0, 1].
    ///
    /// Unlike the normal (Wald) interval it stays inside [0, 1] and has a width when there are
    /// no successes or only successes. nil without trials.
    /// - Precondition: `confidence` is in (0, 1).
    public func wilsonInterval(confidence: Double) -> ConfidenceInterval? {
        guard trials > 0 else { return nil }
        let z = NormalDistribution.criticalValue(confidence: confidence)
        let n = Double(trials)
        let p = Double(successes) / n
        let z2n = z * z / n
        let scale = 1 + z2n
        let center = (p + z2n / 2) / scale
        let half = z * (p * (1 - p) / n + z2n / (4 * n)).squareRoot() / scale
        return ConfidenceInterval(low: max(0, center - half), high: min(1, center + half))
    }
}
