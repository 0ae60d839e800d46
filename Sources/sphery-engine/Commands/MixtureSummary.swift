import Foundation
import GaussianMixture
import MotivationEngine

/// The JSON that `sphery-engine mixture` prints.
struct MixtureSummary: Encodable {
    let columns: [String]
    let rows: Int
    let fit: GaussianMixtureFit
    let meanLogLikelihood: Double
    let bic: Double
    let aic: Double
    let fitSeconds: Double
    let standardization: Standardizer?
    let labels: [Int]?

    private enum CodingKeys: String, CodingKey {
        case columns, rows, components, converged, iterations, bic, aic, standardization, labels
        case meanLogLikelihood = "mean_log_likelihood"
        case lowerBound = "lower_bound"
        case fitSeconds = "fit_seconds"
    }

    func encode(to encoder: Encoder) throws {
        try fit.model.encode(to: encoder)  // covariance_type, weights, means, covariances
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(columns, forKey: .columns)
        try container.encode(rows, forKey: .rows)
        try container.encode(fit.model.components, forKey: .components)
        try container.encode(fit.converged, forKey: .converged)
        try container.encode(fit.iterations, forKey: .iterations)
        try container.encode(fit.lowerBound, forKey: .lowerBound)
        try container.encode(meanLogLikelihood, forKey: .meanLogLikelihood)
        try container.encode(bic, forKey: .bic)
        try container.encode(aic, forKey: .aic)
        try container.encode(fitSeconds, forKey: .fitSeconds)
        try container.encodeIfPresent(standardization, forKey: .standardization)
        try container.encodeIfPresent(labels, forKey: .labels)
    }

    /// The summary as pretty-printed JSON with sorted keys.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
