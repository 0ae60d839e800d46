import Testing

@testable import GaussianMixture

@Suite("Bad input is an error with a message, never a trap")
struct FitValidationTests {
    let data = TestData.threeBlobs(rows: 30).0

    @Test func fewerRowsThanComponents() throws {
        let small = try Matrix([[1, 2], [3, 4]])
        let error = #expect(throws: GaussianMixtureError.self) { try GaussianMixture(components: 3).fit(small) }
        #expect(error?.description.contains("2 rows cannot fit 3 components") == true)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteValues(_ bad: Double) throws {
        var matrix = data
        matrix[7, 1] = bad
        let error = #expect(throws: GaussianMixtureError.self) { try GaussianMixture(components: 2).fit(matrix) }
        #expect(
            error
                == .invalidValue(
                    row: 7, column: 1, message: "\(bad) cannot be fitted; remove or impute rows with missing or infinite values"))
    }

    @Test func zeroColumns() throws {
        let empty = try Matrix(rows: 5, columns: 0, values: [])
        let error = #expect(throws: GaussianMixtureError.self) { try GaussianMixture(components: 1).fit(empty) }
        #expect(error == .invalidShape("the data has no columns"))
    }

    @Test func mismatchedRowLengths() {
        let error = #expect(throws: GaussianMixtureError.self) { try Matrix([[1, 2], [3, 4], [5]]) }
        #expect(error == .invalidShape("row 2 has 1 values but row 0 has 2"))
    }

    @Test func settingsOutOfRange() {
        func failure(_ change: (inout GaussianMixture) -> Void) -> String? {
            var mixture = GaussianMixture(components: 2)
            change(&mixture)
            do {
                _ = try mixture.fit(data)
                return nil
            } catch let error as GaussianMixtureError {
                if case .invalidParameter(let name, _) = error { return name }
                return "\(error)"
            } catch {
                return "\(error)"
            }
        }
        #expect(failure { $0.components = 0 } == "components")
        #expect(failure { $0.tolerance = -1 } == "tolerance")
        #expect(failure { $0.regularization = .nan } == "regularization")
        #expect(failure { $0.maxIterations = 0 } == "maxIterations")
        #expect(failure { $0.restarts = 0 } == "restarts")
        #expect(failure { $0.threads = 0 } == "threads")
        #expect(failure { $0.initialization = .labels([0, 1]) } == "initialization")
        #expect(failure { $0.initialization = .labels(Array(repeating: 5, count: 30)) } == "initialization")
        #expect(failure { $0.initialization = .responsibilities(Matrix(rows: 30, columns: 2)) } == "initialization")
    }

    @Test func collapsedComponentWithoutRegularizationIsAClearError() throws {
        // Every row identical: with no regularization the covariance is exactly zero.
        let same = try Matrix(Array(repeating: [3.0, 4.0], count: 20))
        var mixture = GaussianMixture(components: 1)
        mixture.regularization = 0
        let error = #expect(throws: GaussianMixtureError.self) { try mixture.fit(same) }
        #expect(error == .singularCovariance(component: 0))
        #expect(error?.description.contains("larger covariance regularization") == true)
    }
}
