import Foundation
import Testing

@testable import GaussianMixture

@Suite("Rows with missing features are scored by the marginal mixture")
struct MarginalizationTests {
    let model = try! GaussianMixtureModel(
        weights: [0.3, 0.7], means: [[0, 10, -1], [4, 12, 1]],
        covariances: .full([
            [[2, 0.5, 0.1], [0.5, 1, 0.2], [0.1, 0.2, 3]],
            [[1, -0.3, 0], [-0.3, 2, 0.4], [0, 0.4, 1]],
        ]))

    /// The 1-D mixture density of feature 1 alone, written out by hand.
    func featureOneLogDensity(_ x: Double) -> Double {
        let parts = [(0.3, 10.0, 1.0), (0.7, 12.0, 2.0)].map { w, mean, variance in
            w * exp(-0.5 * (x - mean) * (x - mean) / variance) / (2 * Double.pi * variance).squareRoot()
        }
        return log(parts[0] + parts[1])
    }

    @Test func missingValuesUseTheMarginal() throws {
        let data = try Matrix([[.nan, 11, .nan], [.nan, 9.5, .nan], [1, 11, 0]])
        let densities = try model.scoreSamples(data)
        #expect(abs(densities[0] - featureOneLogDensity(11)) < 1e-12)
        #expect(abs(densities[1] - featureOneLogDensity(9.5)) < 1e-12)
        let complete = try model.scoreSamples(Matrix([[1, 11, 0]]))
        #expect(densities[2] == complete[0])
    }

    @Test func probabilitiesAndLabelsAgreeWithTheMarginalModel() throws {
        let data = try Matrix([[2, .nan, 0.5], [-1, 9, 3]])
        let marginal = try model.marginal(over: [0, 2])
        let expected = try marginal.predictProbabilities(Matrix([[2, 0.5]]))
        let probabilities = try model.predictProbabilities(data)
        #expect(probabilities.row(0) == expected.row(0))
        #expect(try model.predict(data)[0] == marginal.predict(Matrix([[2, 0.5]]))[0])
    }

    @Test func allMissingAndInfiniteRowsAreRefused() throws {
        #expect(throws: GaussianMixtureError.invalidValue(row: 1, column: 0, message: "every feature of the row is missing")) {
            try model.predict(Matrix([[1, 2, 3], [.nan, .nan, .nan]]))
        }
        #expect(throws: GaussianMixtureError.invalidShape("the model has 3 features, the data 2 columns")) {
            try model.predict(Matrix([[1, 2]]))
        }
        #expect(throws: GaussianMixtureError.self) { try model.predict(Matrix([[1, .infinity, 3]])) }
        #expect(throws: GaussianMixtureError.self) { try model.marginal(over: [0, 0]) }
    }
}
