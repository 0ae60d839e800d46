import Foundation
import Testing

@testable import GaussianMixture

@Suite("A fitted model survives JSON, and a corrupt one is refused with a reason")
struct ModelCodingTests {
    @Test(arguments: CovarianceType.allCases)
    func roundTrip(_ type: CovarianceType) throws {
        let (data, _) = TestData.threeBlobs(rows: 120)
        let model = try GaussianMixture(components: 3, covarianceType: type).fit(data).model
        let decoded = try JSONDecoder().decode(GaussianMixtureModel.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)
        #expect(try decoded.scoreSamples(data) == model.scoreSamples(data))
    }

    @Test(arguments: [
        (#"{"covariance_type":"full","weights":[0.5,0.6],"means":[[0],[1]],"covariances":[[[1]],[[1]]]}"#, "weights sum to"),
        (
            #"{"covariance_type":"full","weights":[1],"means":[[0,0]],"covariances":[[[1,2],[2,1]]]}"#,
            "component 0 is not positive definite"
        ),
        (#"{"covariance_type":"full","weights":[1],"means":[[0,0]],"covariances":[[[1,0.5],[0,1]]]}"#, "not symmetric"),
        (#"{"covariance_type":"diagonal","weights":[1],"means":[[0,0]],"covariances":[[1,-1]]}"#, "variances must be positive"),
        (#"{"covariance_type":"spherical","weights":[0.5,0.5],"means":[[0],[1,2]],"covariances":[1,1]}"#, "mean 1 has 2 values"),
        (#"{"covariance_type":"tied","weights":[1],"means":[[0,0]],"covariances":[[1,0]]}"#, "tied covariance must be 2 × 2"),
    ])
    func corruptModels(_ json: String, _ reason: String) {
        do {
            _ = try JSONDecoder().decode(GaussianMixtureModel.self, from: Data(json.utf8))
            Issue.record("decoded an inconsistent model")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription.contains(reason), "\(context.debugDescription)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
