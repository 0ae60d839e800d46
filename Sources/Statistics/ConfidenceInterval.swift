/// A two-sided confidence interval `[low, high]`.
public struct ConfidenceInterval: Sendable, Equatable {
    /// The lower bound.
    public var low: Double
    /// The upper bound.
    public var high: Double

    /// The interval from `low` to `high`.
    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// Whether zero lies outside the interval: only then do the data rule out "no difference"
    /// at the interval's confidence level.
    public var excludesZero: Bool { low > 0 || high < 0 }
}
