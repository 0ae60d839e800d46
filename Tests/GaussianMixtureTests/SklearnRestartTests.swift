import GaussianMixture
import Testing

/// Our own k-means++-seeded initialisations with ten restarts must do at least as well as
/// scikit-learn's `n_init=10` (lower bound within 1e-3), and on well-separated data find the
/// same partition (adjusted Rand index ≥ 0.99).
struct SklearnRestartTests {
    static let arguments: [(SklearnCase, Initialization)] = SklearnCase.all.flatMap { c in
        [(c, Initialization.kMeans), (c, Initialization.kMeansPlusPlus)]
    }

    @Test(arguments: arguments)
    func bestLowerBoundIsAtLeastScikitLearns(_ c: SklearnCase, _ initialization: Initialization) throws {
        let fit = try c.mixture(initialization: initialization, restarts: 10).fit(c.data)
        let sklearn = c.reference.best.lowerBound
        #expect(
            fit.lowerBound >= sklearn - 1e-3,
            "\(initialization): best lower bound \(fit.lowerBound) (restart \(fit.bestRestart)), scikit-learn \(sklearn)")
    }

    @Test(arguments: SklearnCase.all.filter { $0.dataset == "well_separated" }, [Initialization.kMeans, .kMeansPlusPlus])
    func wellSeparatedPartitionsAgree(_ c: SklearnCase, _ initialization: Initialization) throws {
        let fit = try c.mixture(initialization: initialization, restarts: 10).fit(c.data)
        let labels = try fit.model.predict(c.data)
        let index = adjustedRandIndex(labels, c.reference.best.labels)
        #expect(index >= 0.99, "adjusted Rand index \(index)")
    }
}
