import Foundation
import Testing

@testable import GaussianMixture

@Suite("The SIMD kernels against straightforward formulas")
struct KernelTests {
    @Test func vectorExponentialIsAccurate() {
        var worst = 0.0
        var x = -708.0
        while x <= 0 {
            let lanes = Lanes(x, x / 3, x / 7, x / 1000).exponential()
            for (lane, input) in [x, x / 3, x / 7, x / 1000].enumerated() {
                let exact = exp(input)
                worst = max(worst, abs(lanes[lane] - exact) / exact)
            }
            x += 0.0137
        }
        #expect(worst < 4 * Double.ulpOfOne)
        #expect(Lanes(-709, -1000, -.infinity, 0).exponential() == Lanes(0, 0, 0, 1))
    }

    /// `log N(x; μ, Σ)` through an explicit inverse and determinant (Gauss–Jordan), independent of the kernels.
    func referenceLogDensity(_ x: [Double], _ mean: [Double], _ covariance: [[Double]]) -> Double {
        let d = x.count
        var a = covariance, inverse = (0..<d).map { i in (0..<d).map { j in i == j ? 1.0 : 0.0 } }
        var determinant = 1.0
        for column in 0..<d {
            let pivot = a[column][column]
            determinant *= pivot
            for j in 0..<d { a[column][j] /= pivot; inverse[column][j] /= pivot }
            for row in 0..<d where row != column {
                let factor = a[row][column]
                for j in 0..<d { a[row][j] -= factor * a[column][j]; inverse[row][j] -= factor * inverse[column][j] }
            }
        }
        let delta = zip(x, mean).map { $0 - $1 }
        var quadratic = 0.0
        for i in 0..<d { for j in 0..<d { quadratic += delta[i] * inverse[i][j] * delta[j] } }
        return -0.5 * (Double(d) * log(2 * Double.pi) + log(determinant) + quadratic)
    }

    @Test(arguments: CovarianceType.allCases, [1, 4, 7])
    func scoreSamplesMatchesTheFormula(_ type: CovarianceType, _ d: Int) throws {
        let centres = (0..<3).map { c in (0..<d).map { Double(c * 3 + $0) } }
        let (data, _) = TestData.blobs(rows: 37, centres: centres, spread: 2, seed: UInt64(d))
        let model = try GaussianMixture(components: 3, covarianceType: type).fit(data).model
        let densities = try model.scoreSamples(data)
        let probabilities = try model.predictProbabilities(data)
        for row in 0..<data.rows {
            let joint = (0..<3).map { c in
                log(model.weights[c])
                    + referenceLogDensity(data.row(row), model.means[c], model.covariances.matrix(component: c, dimensions: d))
            }
            let top = joint.max()!
            let total = top + log(joint.reduce(0) { $0 + exp($1 - top) })
            #expect(abs(densities[row] - total) < 1e-9 * max(1, abs(total)))
            for c in 0..<3 { #expect(abs(probabilities[row, c] - exp(joint[c] - total)) < 1e-9) }
        }
    }
}
