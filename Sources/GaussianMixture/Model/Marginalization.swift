/// Marginal mixtures: the distribution of a subset of the features, used to score rows with
/// missing values (a player with no date of birth still gets a segment).
extension GaussianMixtureModel {
    /// The mixture over `features` alone: the same weights, and each component's mean and
    /// covariance restricted to those features (the marginal of a Gaussian is Gaussian).
    /// - Parameter features: distinct feature indices in `0..<dimensions`, in the order wanted.
    /// - Throws: `GaussianMixtureError.invalidParameter` for an empty, repeated or out-of-range index.
    public func marginal(over features: [Int]) throws -> GaussianMixtureModel {
        guard !features.isEmpty, Set(features).count == features.count,
            features.allSatisfy({ (0..<dimensions).contains($0) })
        else {
            throw GaussianMixtureError.invalidParameter(
                name: "features", message: "must be distinct indices in 0..<\(dimensions), got \(features)")
        }
        func restricted(_ matrix: [[Double]]) -> [[Double]] {
            features.map { i in features.map { j in matrix[i][j] } }
        }
        let marginalCovariances: Covariances
        switch covariances {
        case .full(let matrices): marginalCovariances = .full(matrices.map(restricted))
        case .tied(let matrix): marginalCovariances = .tied(restricted(matrix))
        case .diagonal(let variances): marginalCovariances = .diagonal(variances.map { row in features.map { row[$0] } })
        case .spherical(let variances): marginalCovariances = .spherical(variances)
        }
        return try GaussianMixtureModel(
            weights: weights, means: means.map { mean in features.map { mean[$0] } }, covariances: marginalCovariances)
    }
}
