import Foundation
import GaussianMixture
import Testing

/// One dataset with scikit-learn's reference results, as `Tests/make_sklearn_fixtures.py`
/// writes it to `Fixtures/sklearn_<name>.json` (see that script for the meaning of each field).
struct SklearnFixture: Decodable, Sendable {
    let name: String
    let description: String
    let sklearnVersion: String
    let k: Int
    let seed: UInt64
    let tol: Double
    let regCovar: Double
    let maxIter: Int
    let nInitBest: Int
    let X: [[Double]]
    let cases: [Case]

    /// The results for one covariance type.
    struct Case: Decodable, Sendable {
        let covarianceType: CovarianceType
        /// scikit-learn's own k-means initial labels (argmax of the one-hot `resp`).
        let initialLabels: [Int]
        /// `GaussianMixture(n_init=1, random_state=seed)` started from `initialLabels`.
        let em: EM
        /// `GaussianMixture(n_init=10, random_state=seed)`.
        let best: Best
        /// Scoring of the `em` model.
        let fixed: Fixed

        struct EM: Sendable {
            let weights: [Double]
            let means: [[Double]]
            let covariances: Covariances
            let lowerBound: Double
            let nIter: Int
            let converged: Bool
        }

        struct Best: Decodable, Sendable {
            let lowerBound: Double
            let score: Double
            let labels: [Int]
            let nIter: Int
            let converged: Bool
        }

        struct Fixed: Decodable, Sendable {
            let bic: Double
            let aic: Double
            let scoreSamples: [Double]
            let predictProbaFirst20: [[Double]]
            /// The same quantities from the same parameters in 50-digit arithmetic, rounded once.
            let exact: Exact
        }

        struct Exact: Decodable, Sendable {
            let bic: Double
            let aic: Double
            let scoreSamples: [Double]
            let predictProbaFirst20: [[Double]]
        }

        enum CodingKeys: String, CodingKey { case covarianceType, initialLabels, em, best, fixed }
        enum EMKeys: String, CodingKey { case weights, means, covariances, lowerBound, nIter, converged }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            covarianceType = try container.decode(CovarianceType.self, forKey: .covarianceType)
            initialLabels = try container.decode([Int].self, forKey: .initialLabels)
            best = try container.decode(Best.self, forKey: .best)
            fixed = try container.decode(Fixed.self, forKey: .fixed)
            let em = try container.nestedContainer(keyedBy: EMKeys.self, forKey: .em)
            let covariances: Covariances
            switch covarianceType {
            case .full: covariances = .full(try em.decode([[[Double]]].self, forKey: .covariances))
            case .diagonal: covariances = .diagonal(try em.decode([[Double]].self, forKey: .covariances))
            case .spherical: covariances = .spherical(try em.decode([Double].self, forKey: .covariances))
            case .tied: covariances = .tied(try em.decode([[Double]].self, forKey: .covariances))
            }
            self.em = EM(
                weights: try em.decode([Double].self, forKey: .weights),
                means: try em.decode([[Double]].self, forKey: .means),
                covariances: covariances,
                lowerBound: try em.decode(Double.self, forKey: .lowerBound),
                nIter: try em.decode(Int.self, forKey: .nIter),
                converged: try em.decode(Bool.self, forKey: .converged))
        }
    }

    /// The datasets the script writes; a missing file is an error, not a skipped test.
    static let names = [
        "well_separated", "overlapping", "player_scales", "near_singular", "constant_column", "one_d", "six_d",
    ]

    static func load(_ name: String) throws -> SklearnFixture {
        guard let url = Bundle.module.url(forResource: "sklearn_\(name)", withExtension: "json", subdirectory: "Fixtures")
        else { throw FixtureError.missing("Fixtures/sklearn_\(name).json") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SklearnFixture.self, from: Data(contentsOf: url))
    }

    static func loadAll() throws -> [SklearnFixture] { try names.map(load) }

    enum FixtureError: Error { case missing(String) }
}

/// One (dataset, covariance type) pair: the unit the parameterised tests run over.
struct SklearnCase: Sendable, CustomTestStringConvertible {
    let dataset: String
    let k: Int
    let seed: UInt64
    let tolerance: Double
    let regularization: Double
    let maxIterations: Int
    let data: Matrix
    /// Each feature's standard deviation over the whole data set (the scale for mean errors).
    let featureScales: [Double]
    let reference: SklearnFixture.Case

    var testDescription: String { "\(dataset)/\(reference.covarianceType.rawValue)" }

    /// All cases of all fixtures (empty when a fixture cannot be read; `fixturesLoad` then fails).
    static let all: [SklearnCase] = {
        guard let fixtures = try? SklearnFixture.loadAll() else { return [] }
        return fixtures.flatMap { fixture -> [SklearnCase] in
            guard let data = try? Matrix(fixture.X) else { return [] }
            let n = Double(data.rows)
            let scales = (0..<data.columns).map { j -> Double in
                let mean = fixture.X.reduce(0) { $0 + $1[j] } / n
                return (fixture.X.reduce(0) { $0 + ($1[j] - mean) * ($1[j] - mean) } / n).squareRoot()
            }
            return fixture.cases.map {
                SklearnCase(
                    dataset: fixture.name, k: fixture.k, seed: fixture.seed, tolerance: fixture.tol,
                    regularization: fixture.regCovar, maxIterations: fixture.maxIter, data: data,
                    featureScales: scales, reference: $0)
            }
        }
    }()

    /// A mixture configured as scikit-learn was for this case.
    func mixture(initialization: Initialization, restarts: Int) -> GaussianMixture {
        var mixture = GaussianMixture(components: k, covarianceType: reference.covarianceType)
        mixture.tolerance = tolerance
        mixture.regularization = regularization
        mixture.maxIterations = maxIterations
        mixture.restarts = restarts
        mixture.initialization = initialization
        mixture.seed = seed
        return mixture
    }

    /// scikit-learn's `em` model, rebuilt from its parameters.
    func referenceModel() throws -> GaussianMixtureModel {
        try GaussianMixtureModel(
            weights: reference.em.weights, means: reference.em.means, covariances: reference.em.covariances)
    }
}

/// The largest scaled error over a set of comparisons, with where it happened.
struct WorstError: CustomStringConvertible {
    private(set) var value = 0.0
    private(set) var location = "-"
    private(set) var actual = 0.0
    private(set) var expected = 0.0

    /// Records `|actual − expected| / scale` (a scale of 0 counts only exact equality).
    mutating func record(_ actual: Double, _ expected: Double, scale: Double, at location: @autoclosure () -> String) {
        let difference = abs(actual - expected)
        let error = difference == 0 ? 0 : (scale > 0 ? difference / scale : .infinity)
        if !(error <= value) {
            value = error
            self.location = location()
            self.actual = actual
            self.expected = expected
        }
    }

    var description: String {
        "worst scaled error \(value) at \(location): got \(actual), scikit-learn \(expected)"
    }
}

@Suite struct SklearnFixtureLoading {
    @Test func fixturesLoad() throws {
        let fixtures = try SklearnFixture.loadAll()
        #expect(fixtures.count == SklearnFixture.names.count)
        for fixture in fixtures {
            #expect(!fixture.cases.isEmpty, "\(fixture.name) has no cases")
            #expect(fixture.cases.allSatisfy { $0.initialLabels.count == fixture.X.count })
            #expect(fixture.cases.allSatisfy { $0.fixed.scoreSamples.count == fixture.X.count })
        }
        #expect(SklearnCase.all.count == fixtures.reduce(0) { $0 + $1.cases.count })
    }
}
