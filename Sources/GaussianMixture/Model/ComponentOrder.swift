/// Renumbering components, e.g. to order them by the mean of one feature.
extension GaussianMixtureModel {
    /// The same mixture with its components renumbered: new component `i` is old component `order[i]`.
    /// - Parameter order: a permutation of `0..<components`.
    /// - Throws: `GaussianMixtureError.invalidParameter` when `order` is not a permutation.
    public func reordered(_ order: [Int]) throws -> GaussianMixtureModel {
        guard order.count == components, Set(order) == Set(0..<components) else {
            throw GaussianMixtureError.invalidParameter(
                name: "order", message: "must be a permutation of 0..<\(components), got \(order)")
        }
        let reorderedCovariances: Covariances
        switch covariances {
        case .full(let matrices): reorderedCovariances = .full(order.map { matrices[$0] })
        case .diagonal(let variances): reorderedCovariances = .diagonal(order.map { variances[$0] })
        case .spherical(let variances): reorderedCovariances = .spherical(order.map { variances[$0] })
        case .tied: reorderedCovariances = covariances
        }
        return try GaussianMixtureModel(
            weights: order.map { weights[$0] }, means: order.map { means[$0] }, covariances: reorderedCovariances)
    }

    /// The order of the components by increasing mean of `feature` (ties keep their order).
    public func componentOrder(byMeanOf feature: Int) -> [Int] {
        (0..<components).sorted { (means[$0][feature], $0) < (means[$1][feature], $1) }
    }
}
