/// The first parameters of EM, estimated from a starting assignment of rows to components
/// (scikit-learn's `_initialize`): two passes, the means first and then the moments around
/// them, so raw-scale data keeps its precision. Both passes run in parallel chunks whose sums
/// are added in chunk order.
enum InitialEstimate {
    static let rowsPerChunk = 8192

    static func model(
        _ data: Matrix, _ assignment: Assignment, components k: Int, type: CovarianceType, regularization: Double,
        threads: Int
    ) throws -> GaussianMixtureModel {
        let d = data.columns
        let triangular = type == .full || type == .tied
        let weights = AssignmentWeights(assignment, components: k)
        // Pass 1: masses and means.
        let firstPass = sumOverChunks(data, width: k + k * d, threads: threads) { x, row, slot in
            weights.forEach(row) { c, r in
                slot[c] += r
                for j in 0..<d { slot[k + c * d + j] += r * x[row * d + j] }
            }
        }
        var centres = [Double](repeating: 0, count: k * d)
        for c in 0..<k where firstPass[c] > 0 {
            for j in 0..<d { centres[c * d + j] = firstPass[k + c * d + j] / firstPass[c] }
        }
        // Pass 2: moments around the means.
        var statistics = MomentStatistics(components: k, dimensions: d, momentCount: triangular ? d * (d + 1) / 2 : d)
        let stride = statistics.stride
        let means = centres
        statistics.values = sumOverChunks(data, width: k * stride, threads: threads) { x, row, slot in
            weights.forEach(row) { c, r in
                let base = c * stride, mean = c * d, start = row * d
                slot[base] += r
                var t = 0
                for j in 0..<d {
                    let dj = x[start + j] - means[mean + j]
                    slot[base + 1 + j] += r * dj
                    if triangular {
                        for i in 0...j {
                            slot[base + 1 + d + t] += r * (x[start + i] - means[mean + i]) * dj
                            t += 1
                        }
                    } else {
                        slot[base + 1 + d + j] += r * dj * dj
                    }
                }
            }
        }
        return try MStep.model(from: statistics, around: centres, type: type, regularization: regularization)
    }

    /// Sums `width` values over all rows: `accumulate(values, row, slot)` adds one row's share
    /// to its chunk's slot; the slots are added in chunk order.
    private static func sumOverChunks(
        _ data: Matrix, width: Int, threads: Int,
        _ accumulate: @escaping @Sendable (UnsafePointer<Double>, Int, UnsafeMutablePointer<Double>) -> Void
    ) -> [Double] {
        let chunks = (data.rows + rowsPerChunk - 1) / rowsPerChunk
        let slots = SharedBuffer<Double>(count: chunks * width)
        data.values.withUnsafeBufferPointer { values in
            let x = ReadOnlyPointer(base: values.baseAddress!)
            Parallelism.forEachChunk(chunks, threads: threads) { chunk in
                for row in (chunk * rowsPerChunk)..<min((chunk + 1) * rowsPerChunk, data.rows) {
                    accumulate(x.base, row, slots.pointer + chunk * width)
                }
            }
        }
        var total = [Double](repeating: 0, count: width)
        for chunk in 0..<chunks {
            for i in 0..<width { total[i] += slots.pointer[chunk * width + i] }
        }
        return total
    }
}

/// A starting assignment read row by row: each row's components and weights.
private struct AssignmentWeights: Sendable {
    let assignment: Assignment
    let components: Int

    init(_ assignment: Assignment, components: Int) {
        self.assignment = assignment
        self.components = components
    }

    /// Calls `body(component, weight)` for every non-zero weight of `row` (soft weights normalised).
    @inline(__always)
    func forEach(_ row: Int, _ body: (Int, Double) -> Void) {
        switch assignment {
        case .labels(let labels):
            body(labels[row], 1)
        case .responsibilities(let matrix):
            var total = 0.0
            for c in 0..<components { total += matrix[row, c] }
            for c in 0..<components where matrix[row, c] > 0 { body(c, matrix[row, c] / total) }
        }
    }
}
