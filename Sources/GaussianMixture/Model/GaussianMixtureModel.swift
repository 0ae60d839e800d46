import Foundation

/// A fitted (or hand-made) Gaussian mixture: weights, means and covariances.
///
/// The model is an immutable value: creating one validates the parameters and factorises
/// every covariance once, so scoring never meets a matrix it cannot use. It is `Codable`
/// with scikit-learn's names and array shapes (`weights`, `means`, `covariances`,
/// `covariance_type`), and decoding runs the same validation.
public struct GaussianMixtureModel: Sendable, Equatable {
    /// Mixing weights, one per component, positive and summing to 1.
    public let weights: [Double]
    /// Component means, `components × dimensions`.
    public let means: [[Double]]
    /// Component covariances, in the shape of their parametrisation.
    public let covariances: Covariances
    /// Precision Cholesky factors and constants laid out for the scoring kernels.
    let kernel: KernelParameters

    /// The covariance parametrisation.
    public var covarianceType: CovarianceType { covariances.type }
    /// The number of components `k`.
    public var components: Int { weights.count }
    /// The number of features `d`.
    public var dimensions: Int { means[0].count }

    /// Creates a model from its parameters.
    /// - Parameters:
    ///   - weights: `k` positive weights summing to 1 (within 1e-6).
    ///   - means: `k` means of `d` finite values each.
    ///   - covariances: positive-definite covariances of matching shape.
    /// - Throws: `GaussianMixtureError.invalidModel` naming the inconsistent part, or
    ///   `.singularCovariance` naming the component that cannot be factorised.
    public init(weights: [Double], means: [[Double]], covariances: Covariances) throws {
        try ModelValidation.check(weights: weights, means: means, covariances: covariances)
        self.weights = weights
        self.means = means
        self.covariances = covariances
        self.kernel = try KernelParameters(weights: weights, means: means, covariances: covariances)
    }

    /// The number of free parameters, as scikit-learn's `_n_parameters` counts them.
    public var parameterCount: Int {
        covarianceType.parameterCount(components: components, dimensions: dimensions)
            + components * dimensions + components - 1
    }

    /// Whether two models have the same weights, means and covariances.
    public static func == (lhs: GaussianMixtureModel, rhs: GaussianMixtureModel) -> Bool {
        lhs.weights == rhs.weights && lhs.means == rhs.means && lhs.covariances == rhs.covariances
    }
}

extension GaussianMixtureModel: Codable {
    enum CodingKeys: String, CodingKey {
        case covarianceType = "covariance_type"
        case weights, means, covariances
    }

    /// Encodes the parameters only; the derived Cholesky factors are recomputed on decoding.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(covarianceType, forKey: .covarianceType)
        try container.encode(weights, forKey: .weights)
        try container.encode(means, forKey: .means)
        try covariances.encode(to: &container, forKey: .covariances)
    }

    /// Decodes the parameters and validates them as `init(weights:means:covariances:)` does, its error as `DecodingError.dataCorrupted`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(CovarianceType.self, forKey: .covarianceType)
        let covariances = try Covariances(type: type, from: container, forKey: .covariances)
        do {
            try self.init(
                weights: try container.decode([Double].self, forKey: .weights),
                means: try container.decode([[Double]].self, forKey: .means),
                covariances: covariances)
        } catch let error as GaussianMixtureError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}
