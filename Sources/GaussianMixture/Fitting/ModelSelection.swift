/// Fits over a range of component counts and keeps the whole information-criterion curve.
public struct ModelSelection: Sendable {
    /// One fitted component count.
    public struct Candidate: Sendable {
        /// The number of components.
        public let components: Int
        /// BIC of the fit on the training data (lower is better).
        public let bic: Double
        /// AIC of the fit on the training data (lower is better).
        public let aic: Double
        /// The fit itself.
        public let fit: GaussianMixtureFit
    }

    /// Which criterion picks the best candidate.
    public enum Criterion: String, Sendable, CaseIterable {
        case bic, aic
    }

    /// Every candidate, in increasing component count.
    public let candidates: [Candidate]
    /// The criterion used to pick `best`.
    public let criterion: Criterion

    /// The candidate with the lowest criterion (the smaller `k` on a tie).
    public var best: Candidate {
        candidates.min { value(of: $0) < value(of: $1) }!
    }

    private func value(of candidate: Candidate) -> Double {
        criterion == .bic ? candidate.bic : candidate.aic
    }
}

extension GaussianMixture {
    /// Fits one mixture per component count in `range` with this configuration (its
    /// `components` is ignored) and returns the BIC/AIC curve.
    /// - Parameters:
    ///   - data: the training rows.
    ///   - range: component counts to try, each ≥ 1.
    ///   - criterion: what picks `best` (BIC by default).
    ///   - progress: called with each candidate as it is fitted.
    public func selectComponents(
        _ data: Matrix, in range: ClosedRange<Int>, criterion: ModelSelection.Criterion = .bic,
        progress: ((ModelSelection.Candidate) -> Void)? = nil
    ) throws -> ModelSelection {
        guard range.lowerBound >= 1 else {
            throw GaussianMixtureError.invalidParameter(
                name: "range", message: "component counts must be at least 1, got \(range)")
        }
        var candidates: [ModelSelection.Candidate] = []
        for k in range {
            var configuration = self
            configuration.components = k
            let fit = try configuration.fit(data)
            let candidate = ModelSelection.Candidate(
                components: k, bic: try fit.model.bic(data), aic: try fit.model.aic(data), fit: fit)
            progress?(candidate)
            candidates.append(candidate)
        }
        return ModelSelection(candidates: candidates, criterion: criterion)
    }
}
