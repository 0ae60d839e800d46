import Testing

@testable import GaussianMixture

@Suite("Degenerate data still fits, and no fitted value is NaN or infinite")
struct RobustnessTests {
    static func isFinite(_ model: GaussianMixtureModel) -> Bool {
        let covariance = (0..<model.components).flatMap {
            model.covariances.matrix(component: $0, dimensions: model.dimensions).flatMap { $0 }
        }
        return (model.weights + model.means.flatMap { $0 } + covariance).allSatisfy(\.isFinite)
    }

    @Test(arguments: CovarianceType.allCases)
    func duplicateRows(_ type: CovarianceType) throws {
        let rows = Array(repeating: [1.0, 2.0], count: 10) + Array(repeating: [5.0, -1.0], count: 10)
        let fit = try GaussianMixture(components: 3, covarianceType: type).fit(Matrix(rows))
        #expect(Self.isFinite(fit.model))
        #expect(try fit.model.scoreSamples(Matrix(rows)).allSatisfy(\.isFinite))
    }

    @Test(arguments: CovarianceType.allCases)
    func constantColumn(_ type: CovarianceType) throws {
        var (data, _) = TestData.threeBlobs(rows: 90)
        for row in 0..<data.rows { data[row, 1] = 42 }
        let fit = try GaussianMixture(components: 3, covarianceType: type).fit(data)
        #expect(Self.isFinite(fit.model))
        #expect(fit.model.means.allSatisfy { abs($0[1] - 42) < 1e-9 })
    }

    @Test func oneComponentIsTheSampleGaussian() throws {
        let (data, _) = TestData.threeBlobs(rows: 300)
        var mixture = GaussianMixture(components: 1)
        mixture.regularization = 0
        let model = try mixture.fit(data).model
        let n = Double(data.rows)
        let mean = (0..<2).map { j in (0..<data.rows).reduce(0) { $0 + data[$1, j] } / n }
        let varianceX = (0..<data.rows).reduce(0) { $0 + (data[$1, 0] - mean[0]) * (data[$1, 0] - mean[0]) } / n
        #expect(abs(model.means[0][0] - mean[0]) < 1e-9)
        #expect(abs(model.means[0][1] - mean[1]) < 1e-9)
        #expect(abs(model.covariances.matrix(component: 0, dimensions: 2)[0][0] - varianceX) < 1e-9 * varianceX)
    }

    @Test func rawScaleFeaturesKeepTheirPrecision() throws {
        // A score around 1e9 with unit spread: uncentred sums of squares would lose every digit.
        var (data, _) = TestData.blobs(rows: 400, centres: [[0, 0], [8, 8]], spread: 1, seed: 3)
        for row in 0..<data.rows { data[row, 0] += 1e9 }
        var mixture = GaussianMixture(components: 2)
        mixture.regularization = 0
        let model = try mixture.fit(data).model
        for c in 0..<2 {
            let variance = model.covariances.matrix(component: c, dimensions: 2)[0][0]
            #expect(variance > 0.7 && variance < 1.3, "component \(c) variance \(variance)")
        }
    }
}
