import GaussianMixture

/// Column-wise z-scoring: `(x − mean) / std` with the population standard deviation, as
/// scikit-learn's `StandardScaler`; a constant column keeps a scale of 1.
struct Standardization: Encodable {
    let mean: [Double]
    let std: [Double]

    init(fitting data: Matrix) {
        let n = Double(max(1, data.rows))
        var mean = [Double](repeating: 0, count: data.columns)
        var variance = [Double](repeating: 0, count: data.columns)
        for row in 0..<data.rows { for j in 0..<data.columns { mean[j] += data[row, j] / n } }
        for row in 0..<data.rows {
            for j in 0..<data.columns { variance[j] += (data[row, j] - mean[j]) * (data[row, j] - mean[j]) / n }
        }
        self.mean = mean
        self.std = variance.map { $0 > 0 ? $0.squareRoot() : 1 }
    }

    /// `data` in standard units.
    func apply(to data: Matrix) -> Matrix {
        var result = data
        for row in 0..<data.rows {
            for j in 0..<data.columns { result[row, j] = (data[row, j] - mean[j]) / std[j] }
        }
        return result
    }
}
