/// Per-feature standardisation `(x − mean) / std` stored with a model, so analysis scales a
/// player's values exactly as training scaled the training rows.
public struct Standardizer: Codable, Sendable, Equatable {
    /// Means of the features, in the model's feature order.
    public let mean: [Double]
    /// The scale of each feature: its population standard deviation divided by its weight (a
    /// constant feature keeps a deviation of 1; training drops constant features before, so a
    /// model never has one).
    public let std: [Double]
    /// The features' weights in the mixture (a weight of 0.7 shrinks a feature's spread in standard
    /// units); nil in files written before weights existed, where every weight was 1.
    public let weights: [Double]?

    /// Fits the means and standard deviations of `rows`, and divides the deviations by `weights`
    /// (all 1 when nil).
    public init(fitting rows: [[Double]], weights: [Double]? = nil) {
        let width = rows.first?.count ?? 0
        let n = Double(max(1, rows.count))
        var mean = [Double](repeating: 0, count: width)
        for row in rows { for j in 0..<width { mean[j] += row[j] / n } }
        var variance = [Double](repeating: 0, count: width)
        for row in rows { for j in 0..<width { variance[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n } }
        self.mean = mean
        self.std = variance.indices.map { j in (variance[j] > 0 ? variance[j].squareRoot() : 1) / (weights?[j] ?? 1) }
        self.weights = weights
    }

    /// One row in standard units; `NaN` (missing) stays `NaN`.
    public func scale(_ row: [Double]) -> [Double] {
        var result = row
        for j in result.indices { result[j] = (row[j] - mean[j]) / std[j] }
        return result
    }

    /// A value of feature `j` back in original units.
    func unscale(_ value: Double, feature j: Int) -> Double {
        value * std[j] + mean[j]
    }
}
