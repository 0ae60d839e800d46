/// The covariance parameters of a mixture, shaped as scikit-learn shapes `covariances_`.
public enum Covariances: Sendable, Equatable {
    /// One `d × d` matrix per component.
    case full([[[Double]]])
    /// One vector of `d` variances per component.
    case diagonal([[Double]])
    /// One variance per component.
    case spherical([Double])
    /// One `d × d` matrix shared by all components.
    case tied([[Double]])

    /// The parametrisation these covariances use.
    public var type: CovarianceType {
        switch self {
        case .full: return .full
        case .diagonal: return .diagonal
        case .spherical: return .spherical
        case .tied: return .tied
        }
    }

    /// The full `d × d` covariance matrix of one component, whatever the parametrisation.
    public func matrix(component: Int, dimensions d: Int) -> [[Double]] {
        switch self {
        case .full(let matrices):
            return matrices[component]
        case .tied(let matrix):
            return matrix
        case .diagonal(let variances):
            return (0..<d).map { i in (0..<d).map { j in i == j ? variances[component][i] : 0 } }
        case .spherical(let variances):
            return (0..<d).map { i in (0..<d).map { j in i == j ? variances[component] : 0 } }
        }
    }
}

extension Covariances {
    /// Encodes the bare array in scikit-learn's shape under `key`; the model stores the type beside it.
    func encode<Key: CodingKey>(to container: inout KeyedEncodingContainer<Key>, forKey key: Key) throws {
        switch self {
        case .full(let value): try container.encode(value, forKey: key)
        case .diagonal(let value): try container.encode(value, forKey: key)
        case .spherical(let value): try container.encode(value, forKey: key)
        case .tied(let value): try container.encode(value, forKey: key)
        }
    }

    /// Decodes the array shape that `type` implies from `key`.
    init<Key: CodingKey>(type: CovarianceType, from container: KeyedDecodingContainer<Key>, forKey key: Key) throws {
        switch type {
        case .full: self = .full(try container.decode([[[Double]]].self, forKey: key))
        case .diagonal: self = .diagonal(try container.decode([[Double]].self, forKey: key))
        case .spherical: self = .spherical(try container.decode([Double].self, forKey: key))
        case .tied: self = .tied(try container.decode([[Double]].self, forKey: key))
        }
    }
}
