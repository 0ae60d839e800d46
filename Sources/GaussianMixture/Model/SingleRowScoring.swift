import Foundation

/// Scoring one row without the batch machinery: no allocation beyond the result, for
/// callers that score players one at a time (an HTTP request, one analysis).
extension GaussianMixtureModel {
    /// The probability of each component for one row; `NaN` marks a missing feature, which is
    /// marginalised out.
    /// - Throws: `GaussianMixtureError` for a wrong length, an infinite value or an all-missing row.
    public func predictProbabilities(row: [Double]) throws -> [Double] {
        var joint = try jointLogDensities(row: row)
        let top = joint.max()!
        var total = 0.0
        for c in joint.indices {
            joint[c] = exp(joint[c] - top)
            total += joint[c]
        }
        for c in joint.indices { joint[c] /= total }
        return joint
    }

    /// The log density of one row under the mixture (`NaN` marks a missing feature).
    public func scoreSample(row: [Double]) throws -> Double {
        let joint = try jointLogDensities(row: row)
        let top = joint.max()!
        return top + log(joint.reduce(0) { $0 + exp($1 - top) })
    }

    /// `log wₖ + log N(x; μₖ, Σₖ)` for every component.
    private func jointLogDensities(row: [Double]) throws -> [Double] {
        guard row.count == dimensions else {
            throw GaussianMixtureError.invalidShape("the model has \(dimensions) features, the row \(row.count) values")
        }
        if let column = row.firstIndex(where: \.isInfinite) {
            throw GaussianMixtureError.invalidValue(row: 0, column: column, message: "\(row[column]) is not a finite number")
        }
        if row.contains(where: \.isNaN) {
            let present = row.indices.filter { !row[$0].isNaN }
            guard !present.isEmpty else {
                throw GaussianMixtureError.invalidValue(row: 0, column: 0, message: "every feature of the row is missing")
            }
            return try marginal(over: present).jointLogDensities(row: present.map { row[$0] })
        }
        let d = dimensions, m = kernel.factorCount
        var result = [Double](repeating: 0, count: components)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: d) { difference in
            for c in 0..<components {
                for j in 0..<d { difference[j] = row[j] - kernel.means[c * d + j] }
                var squaredDistance = 0.0
                switch kernel.layout {
                case .triangular:
                    var t = c * m
                    for j in 0..<d {
                        var y = 0.0
                        for i in 0...j {
                            y += difference[i] * kernel.factors[t]
                            t += 1
                        }
                        squaredDistance += y * y
                    }
                case .diagonal:
                    for j in 0..<d {
                        let y = difference[j] * kernel.factors[c * m + j]
                        squaredDistance += y * y
                    }
                }
                result[c] = kernel.constants[c] - 0.5 * squaredDistance
            }
        }
        return result
    }
}
