/// The first parameters of EM, estimated from a starting assignment of rows to components
/// (scikit-learn's `_initialize`): two passes, the means first and then the moments around
/// them, so raw-scale data keeps its precision.
enum InitialEstimate {
    static func model(
        _ data: Matrix, _ assignment: Assignment, components k: Int, type: CovarianceType, regularization: Double
    ) throws -> GaussianMixtureModel {
        let d = data.columns
        let triangular = type == .full || type == .tied
        var statistics = MomentStatistics(
            components: k, dimensions: d, momentCount: triangular ? d * (d + 1) / 2 : d)
        let stride = statistics.stride
        var centres = [Double](repeating: 0, count: k * d)
        data.values.withUnsafeBufferPointer { x in
            // Pass 1: masses and means.
            var masses = [Double](repeating: 0, count: k)
            forEachWeight(assignment, rows: data.rows, components: k) { row, c, r in
                masses[c] += r
                for j in 0..<d { centres[c * d + j] += r * x[row * d + j] }
            }
            for c in 0..<k where masses[c] > 0 {
                for j in 0..<d { centres[c * d + j] /= masses[c] }
            }
            // Pass 2: moments around the means.
            statistics.values.withUnsafeMutableBufferPointer { values in
                forEachWeight(assignment, rows: data.rows, components: k) { row, c, r in
                    let base = c * stride
                    values[base] += r
                    var t = 0
                    for j in 0..<d {
                        let dj = x[row * d + j] - centres[c * d + j]
                        values[base + 1 + j] += r * dj
                        if triangular {
                            for i in 0...j {
                                values[base + 1 + d + t] += r * (x[row * d + i] - centres[c * d + i]) * dj
                                t += 1
                            }
                        } else {
                            values[base + 1 + d + j] += r * dj * dj
                        }
                    }
                }
            }
        }
        return try MStep.model(from: statistics, around: centres, type: type, regularization: regularization)
    }

    /// Calls `body(row, component, weight)` for every non-zero weight of the assignment.
    private static func forEachWeight(
        _ assignment: Assignment, rows: Int, components k: Int, _ body: (Int, Int, Double) -> Void
    ) {
        switch assignment {
        case .labels(let labels):
            for row in 0..<rows { body(row, labels[row], 1) }
        case .responsibilities(let matrix):
            for row in 0..<rows {
                var total = 0.0
                for c in 0..<k { total += matrix[row, c] }
                for c in 0..<k where matrix[row, c] > 0 { body(row, c, matrix[row, c] / total) }
            }
        }
    }
}
