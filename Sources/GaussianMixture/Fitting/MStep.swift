/// The M-step: new weights, means and covariances from an E-step's sufficient statistics.
///
/// Follows scikit-learn's `_estimate_gaussian_parameters`: component masses get `10·ε` added,
/// `regularization` is added to every variance, and weights are the normalised masses.
enum MStep {
    /// - Parameters:
    ///   - statistics: moments of `x − centre_c` for each component.
    ///   - centres: the points the moments were taken around, `k × d` row-major.
    ///   - type: the covariance parametrisation to estimate.
    ///   - regularization: added to the diagonal of each covariance.
    /// - Throws: `GaussianMixtureError.singularCovariance` when a covariance is not positive definite.
    static func model(
        from statistics: MomentStatistics, around centres: [Double], type: CovarianceType, regularization: Double
    ) throws -> GaussianMixtureModel {
        let k = statistics.components, d = statistics.dimensions
        let masses = (0..<k).map { statistics.mass($0) + 10 * Double.ulpOfOne }
        let shifts = (0..<k).map { c in (0..<d).map { statistics.first(c, $0) / masses[c] } }
        let means = (0..<k).map { c in (0..<d).map { centres[c * d + $0] + shifts[c][$0] } }
        let totalMass = masses.reduce(0, +)
        let weights = masses.map { $0 / totalMass }

        /// The scatter `Σ r δδᵀ / mass − shift shiftᵀ` of one component, unregularised.
        func scatter(_ c: Int) -> [[Double]] {
            var matrix = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            var t = 0
            for j in 0..<d {
                for i in 0...j {
                    let value = statistics.second(c, t) / masses[c] - shifts[c][i] * shifts[c][j]
                    matrix[i][j] = value
                    matrix[j][i] = value
                    t += 1
                }
            }
            return matrix
        }
        func variances(_ c: Int) -> [Double] {
            (0..<d).map { j in statistics.second(c, j) / masses[c] - shifts[c][j] * shifts[c][j] + regularization }
        }
        func regularized(_ matrix: [[Double]]) -> [[Double]] {
            var result = matrix
            for j in 0..<d { result[j][j] += regularization }
            return result
        }

        let covariances: Covariances
        switch type {
        case .full:
            covariances = .full((0..<k).map { regularized(scatter($0)) })
        case .tied:
            var pooled = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            for c in 0..<k {
                let matrix = scatter(c)
                for i in 0..<d { for j in 0..<d { pooled[i][j] += matrix[i][j] * masses[c] / totalMass } }
            }
            covariances = .tied(regularized(pooled))
        case .diagonal:
            covariances = .diagonal((0..<k).map(variances))
        case .spherical:
            covariances = .spherical((0..<k).map { variances($0).reduce(0, +) / Double(d) })
        }
        return try GaussianMixtureModel(weights: weights, means: means, covariances: covariances)
    }
}
