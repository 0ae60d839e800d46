/// How each component's covariance matrix is parametrised (scikit-learn's `covariance_type`).
public enum CovarianceType: String, Codable, Sendable, CaseIterable {
    /// Each component has its own general covariance matrix.
    case full
    /// Each component has its own diagonal covariance matrix.
    case diagonal
    /// Each component has its own single variance.
    case spherical
    /// All components share one general covariance matrix.
    case tied

    /// Free parameters of the covariances for `components` components in `dimensions` dimensions.
    func parameterCount(components: Int, dimensions: Int) -> Int {
        let symmetric = dimensions * (dimensions + 1) / 2
        switch self {
        case .full: return components * symmetric
        case .diagonal: return components * dimensions
        case .spherical: return components
        case .tied: return symmetric
        }
    }
}
