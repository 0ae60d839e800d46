/// The configuration of a Gaussian mixture fit, with scikit-learn's `GaussianMixture` defaults.
///
/// ```swift
/// var mixture = GaussianMixture(components: 4)
/// mixture.restarts = 10
/// let fit = try mixture.fit(data)
/// let labels = try fit.model.predict(data)
/// ```
public struct GaussianMixture: Sendable {
    /// The number of mixture components `k` (≥ 1).
    public var components: Int
    /// The covariance parametrisation.
    public var covarianceType: CovarianceType = .full
    /// Convergence threshold on the change of the mean per-row log-likelihood lower bound.
    public var tolerance: Double = 1e-3
    /// Non-negative value added to the diagonal of every covariance (scikit-learn's `reg_covar`).
    public var regularization: Double = 1e-6
    /// EM iterations per restart (≥ 1).
    public var maxIterations: Int = 100
    /// Initialisations to try; the one with the best lower bound is kept (scikit-learn's `n_init`).
    public var restarts: Int = 1
    /// How each restart's starting parameters are chosen.
    public var initialization: Initialization = .kMeans
    /// The seed of the random number generator: the same seed gives the same model.
    public var seed: UInt64 = 0
    /// Threads for the passes over the data (`nil`: one per active processor). Results do
    /// not depend on it.
    public var threads: Int? = nil

    /// Creates a configuration with `components` components and default settings.
    public init(components: Int, covarianceType: CovarianceType = .full) {
        self.components = components
        self.covarianceType = covarianceType
    }

    /// Checks every setting, with a message naming the one out of range.
    func validate() throws {
        func fail(_ name: String, _ message: String) -> GaussianMixtureError {
            .invalidParameter(name: name, message: message)
        }
        guard components >= 1 else { throw fail("components", "must be at least 1, got \(components)") }
        guard tolerance >= 0, tolerance.isFinite else { throw fail("tolerance", "must be finite and ≥ 0, got \(tolerance)") }
        guard regularization >= 0, regularization.isFinite else {
            throw fail("regularization", "must be finite and ≥ 0, got \(regularization)")
        }
        guard maxIterations >= 1 else { throw fail("maxIterations", "must be at least 1, got \(maxIterations)") }
        guard restarts >= 1 else { throw fail("restarts", "must be at least 1, got \(restarts)") }
        if let threads, threads < 1 { throw fail("threads", "must be at least 1, got \(threads)") }
    }
}

/// One EM iteration, as reported to a progress observer.
public struct IterationReport: Sendable {
    /// The restart (0-based) this iteration belongs to.
    public let restart: Int
    /// The iteration number within the restart (1-based).
    public let iteration: Int
    /// The mean per-row log-likelihood under the parameters this iteration started from.
    public let lowerBound: Double
    /// The change from the previous iteration's lower bound.
    public let change: Double
}

/// The outcome of `GaussianMixture.fit(_:)`.
public struct GaussianMixtureFit: Sendable {
    /// The best model over all restarts.
    public let model: GaussianMixtureModel
    /// Whether the best restart converged before `maxIterations`.
    public let converged: Bool
    /// EM iterations run by the best restart.
    public let iterations: Int
    /// The best restart's final lower bound: the mean per-row log-likelihood under the
    /// parameters of its last E-step (scikit-learn's `lower_bound_`).
    public let lowerBound: Double
    /// Which restart (0-based) gave the model.
    public let bestRestart: Int
}
