import Testing

@testable import GaussianMixture

@Suite("One-row scoring and component order")
struct SingleRowAndOrderTests {
    @Test(arguments: CovarianceType.allCases)
    func oneRowAgreesWithTheBatchPath(_ type: CovarianceType) throws {
        let (data, _) = TestData.blobs(rows: 60, centres: [[0, 0, 0], [5, 5, 0], [0, 5, 5]], spread: 1.2, seed: 4)
        let model = try GaussianMixture(components: 3, covarianceType: type).fit(data).model
        var withMissing = data
        for row in stride(from: 0, to: data.rows, by: 3) { withMissing[row, row % 3] = .nan }
        let batch = try model.predictProbabilities(withMissing)
        let densities = try model.scoreSamples(withMissing)
        for row in 0..<data.rows {
            let single = try model.predictProbabilities(row: withMissing.row(row))
            for c in 0..<3 { #expect(abs(single[c] - batch[row, c]) < 1e-12) }
            #expect(abs(try model.scoreSample(row: withMissing.row(row)) - densities[row]) < 1e-10)
        }
    }

    @Test func oneRowErrors() throws {
        let model = try GaussianMixtureModel(weights: [1], means: [[0, 0]], covariances: .full([[[1, 0], [0, 1]]]))
        #expect(throws: GaussianMixtureError.self) { try model.predictProbabilities(row: [1]) }
        #expect(throws: GaussianMixtureError.self) { try model.predictProbabilities(row: [1, .infinity]) }
        #expect(throws: GaussianMixtureError.self) { try model.predictProbabilities(row: [.nan, .nan]) }
    }

    @Test func reorderingPermutesEverythingAndKeepsTheDensity() throws {
        let (data, _) = TestData.threeBlobs(rows: 90)
        let model = try GaussianMixture(components: 3).fit(data).model
        let order = model.componentOrder(byMeanOf: 1)
        let sorted = try model.reordered(order)
        #expect(sorted.means.map { $0[1] } == sorted.means.map { $0[1] }.sorted())
        #expect(sorted.weights == order.map { model.weights[$0] })
        let before = try model.predictProbabilities(data), after = try sorted.predictProbabilities(data)
        for row in 0..<data.rows {
            for c in 0..<3 { #expect(abs(after[row, c] - before[row, order[c]]) < 1e-15) }
        }
        for (a, b) in zip(try sorted.scoreSamples(data), try model.scoreSamples(data)) { #expect(abs(a - b) < 1e-12) }
        #expect(throws: GaussianMixtureError.self) { try model.reordered([0, 0, 1]) }
    }
}
