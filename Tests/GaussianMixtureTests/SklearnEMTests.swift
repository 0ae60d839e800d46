import GaussianMixture
import Testing

/// EM started from scikit-learn's own initial k-means labels must retrace scikit-learn's
/// run: the same parameters and lower bound to 1e-6 relative, the same iteration count and
/// convergence flag.
struct SklearnEMTests {
    static let relative = 1e-6

    func fitFromSklearnLabels(_ c: SklearnCase) throws -> GaussianMixtureFit {
        try c.mixture(initialization: .labels(c.reference.initialLabels), restarts: 1).fit(c.data)
    }

    @Test(arguments: SklearnCase.all)
    func iterationsAndConvergence(_ c: SklearnCase) throws {
        let fit = try fitFromSklearnLabels(c)
        #expect(fit.iterations == c.reference.em.nIter)
        #expect(fit.converged == c.reference.em.converged)
    }

    @Test(arguments: SklearnCase.all)
    func lowerBound(_ c: SklearnCase) throws {
        let fit = try fitFromSklearnLabels(c)
        let expected = c.reference.em.lowerBound
        #expect(
            abs(fit.lowerBound - expected) <= Self.relative * abs(expected),
            "lower bound \(fit.lowerBound), scikit-learn \(expected)")
    }

    @Test(arguments: SklearnCase.all)
    func weights(_ c: SklearnCase) throws {
        let fit = try fitFromSklearnLabels(c)
        var worst = WorstError()
        for (i, (a, b)) in zip(fit.model.weights, c.reference.em.weights).enumerated() {
            worst.record(a, b, scale: abs(b), at: "weight \(i)")
        }
        #expect(worst.value <= Self.relative, "\(worst)")
    }

    /// Means are compared on each feature's scale: |a − b| ≤ 1e-6 · max(|b|, std of the feature).
    @Test(arguments: SklearnCase.all)
    func means(_ c: SklearnCase) throws {
        let fit = try fitFromSklearnLabels(c)
        var worst = WorstError()
        for (component, (ours, theirs)) in zip(fit.model.means, c.reference.em.means).enumerated() {
            for (j, (a, b)) in zip(ours, theirs).enumerated() {
                worst.record(a, b, scale: max(abs(b), c.featureScales[j]), at: "mean[\(component)][\(j)]")
            }
        }
        #expect(worst.value <= Self.relative, "\(worst)")
    }

    /// Covariance entries: |a − b| ≤ 1e-6 · max(|b|, √(C_ii C_jj)) with C scikit-learn's matrix.
    @Test(arguments: SklearnCase.all)
    func covariances(_ c: SklearnCase) throws {
        let fit = try fitFromSklearnLabels(c)
        let ours = fit.model.covariances, theirs = c.reference.em.covariances
        #expect(ours.type == theirs.type)
        let d = c.data.columns
        var worst = WorstError()
        let matrices = theirs.type == .tied ? 1 : c.k
        for component in 0..<matrices {
            let a = ours.matrix(component: component, dimensions: d)
            let b = theirs.matrix(component: component, dimensions: d)
            for i in 0..<d {
                for j in 0..<d {
                    let scale = max(abs(b[i][j]), (b[i][i] * b[j][j]).squareRoot())
                    worst.record(a[i][j], b[i][j], scale: scale, at: "covariance \(component)[\(i)][\(j)]")
                }
            }
        }
        #expect(worst.value <= Self.relative, "\(worst)")
    }
}
