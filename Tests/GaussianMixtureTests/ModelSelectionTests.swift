import Testing

@testable import GaussianMixture

@Suite("Choosing k by BIC")
struct ModelSelectionTests {
    @Test func threeBlobsGiveThreeComponents() throws {
        let (data, _) = TestData.threeBlobs(rows: 600)
        var mixture = GaussianMixture(components: 1)
        mixture.restarts = 3
        let selection = try mixture.selectComponents(data, in: 1...6)
        #expect(selection.candidates.map(\.components) == Array(1...6))
        #expect(selection.best.components == 3)
        #expect(selection.candidates.allSatisfy { $0.bic.isFinite && $0.aic.isFinite })
    }

    @Test func rangeMustStartAtOne() {
        #expect(throws: GaussianMixtureError.self) {
            try GaussianMixture(components: 1).selectComponents(TestData.threeBlobs().0, in: 0...2)
        }
    }
}
