import Foundation

/// How a component's precision Cholesky factor is stored for the kernels.
enum FactorLayout: Sendable {
    /// Upper-triangular factor, packed column by column: for column `j`, rows `0...j`.
    case triangular
    /// Diagonal factor: one value per feature.
    case diagonal
}

/// Model parameters laid out for the scoring and EM kernels: means, packed precision
/// Cholesky factors, and each component's constant `log wₖ + log det Uₖ − d/2 · log 2π`.
struct KernelParameters: Sendable {
    let layout: FactorLayout
    let components: Int
    let dimensions: Int
    /// `components × dimensions`, row-major.
    let means: [Double]
    /// `components × factorCount` packed factors.
    let factors: [Double]
    /// One constant per component.
    let constants: [Double]

    /// Values per component in `factors`.
    var factorCount: Int { Self.factorCount(layout, dimensions) }

    static func factorCount(_ layout: FactorLayout, _ d: Int) -> Int {
        layout == .triangular ? d * (d + 1) / 2 : d
    }

    /// Factorises the covariances.
    /// - Throws: `GaussianMixtureError.singularCovariance` for a matrix that is not positive definite.
    init(weights: [Double], means: [[Double]], covariances: Covariances) throws {
        let k = weights.count, d = means[0].count
        components = k
        dimensions = d
        self.means = means.flatMap { $0 }
        var factors: [Double] = []
        var logDeterminants: [Double] = []
        switch covariances {
        case .full, .tied:
            layout = .triangular
            for c in 0..<k {
                let matrix = covariances.matrix(component: c, dimensions: d).flatMap { $0 }
                guard let lower = Cholesky.lower(matrix, dimension: d) else {
                    throw GaussianMixtureError.singularCovariance(component: c)
                }
                let upper = Cholesky.precisionFactor(lower: lower, dimension: d)
                for j in 0..<d {
                    for i in 0...j { factors.append(upper[i * d + j]) }
                }
                logDeterminants.append((0..<d).reduce(0) { $0 + log(upper[$1 * d + $1]) })
            }
        case .diagonal, .spherical:
            layout = .diagonal
            for c in 0..<k {
                let matrix = covariances.matrix(component: c, dimensions: d)
                var logDeterminant = 0.0
                for j in 0..<d {
                    let variance = matrix[j][j]
                    guard variance > 0, variance.isFinite else {
                        throw GaussianMixtureError.singularCovariance(component: c)
                    }
                    factors.append(1 / variance.squareRoot())
                    logDeterminant -= 0.5 * log(variance)
                }
                logDeterminants.append(logDeterminant)
            }
        }
        self.factors = factors
        let normaliser = 0.5 * Double(d) * log(2 * Double.pi)
        constants = (0..<k).map { log(weights[$0]) + logDeterminants[$0] - normaliser }
    }
}
