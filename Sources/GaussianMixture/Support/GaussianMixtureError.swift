/// Everything that can go wrong when fitting or using a Gaussian mixture.
///
/// Every case carries a message written for the person who supplied the input: it names
/// the parameter, row, column or component at fault and, where there is one, the remedy.
public enum GaussianMixtureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A configuration value is out of range (for example `components < 1`).
    case invalidParameter(name: String, message: String)
    /// The data has the wrong shape (no columns, rows of different lengths, too few rows).
    case invalidShape(String)
    /// A value in the data cannot be used (NaN or infinite), at a zero-based row and column.
    case invalidValue(row: Int, column: Int, message: String)
    /// A component's covariance is not positive definite, so it cannot be factorised.
    case singularCovariance(component: Int)
    /// A stored or hand-made model is inconsistent.
    case invalidModel(String)

    /// The problem in words.
    public var description: String {
        switch self {
        case .invalidParameter(let name, let message):
            return "invalid \(name): \(message)"
        case .invalidShape(let message):
            return "invalid data shape: \(message)"
        case .invalidValue(let row, let column, let message):
            return "invalid value at row \(row), column \(column): \(message)"
        case .singularCovariance(let component):
            return "the covariance of component \(component) is not positive definite "
                + "(too few or collapsed samples): fit fewer components or use a larger "
                + "covariance regularization (regCovar)"
        case .invalidModel(let message):
            return "invalid model: \(message)"
        }
    }
}
