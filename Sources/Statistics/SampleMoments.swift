/// The count, mean and spread of a sample, accumulated one value at a time (Welford's
/// algorithm: stable, no stored values).
public struct SampleMoments: Sendable, Equatable {
    /// The values added.
    public private(set) var count = 0
    private var runningMean = 0.0
    /// The sum of squared deviations from the mean.
    private var squaredDeviations = 0.0

    /// Moments of no values yet.
    public init() {}

    /// The moments of `values`.
    public init(_ values: some Sequence<Double>) {
        for value in values { add(value) }
    }

    /// Adds one value.
    @inline(__always)
    public mutating func add(_ value: Double) {
        count += 1
        let delta = value - runningMean
        runningMean += delta / Double(count)
        squaredDeviations += delta * (value - runningMean)
    }

    /// The mean; nil for an empty sample.
    public var mean: Double? { count > 0 ? runningMean : nil }

    /// The sample variance (divided by n − 1); nil below two values.
    public var variance: Double? {
        count > 1 ? max(0, squaredDeviations) / Double(count - 1) : nil
    }

    /// The t interval for the mean, mean ± t(ν = n − 1) · s/√n; nil below two values (one value
    /// says nothing about the spread). Zero when all values are equal.
    /// - Precondition: `confidence` is in (0, 1).
    public func tInterval(confidence: Double) -> ConfidenceInterval? {
        guard let variance else { return nil }
        let n = Double(count)
        let half =
            StudentTDistribution.criticalValue(confidence: confidence, degreesOfFreedom: n - 1)
            * (variance / n).squareRoot()
        return ConfidenceInterval(low: runningMean - half, high: runningMean + half)
    }
}
