import Foundation

/// Scoring data against a model. In data to score, `NaN` marks a missing value: such a row
/// is scored with the marginal mixture over its present features (see `marginal(over:)`).
extension GaussianMixtureModel {
    /// The probability of each component for each row (scikit-learn's `predict_proba`).
    /// - Parameters:
    ///   - data: rows to score, with `dimensions` columns.
    ///   - threads: threads to use (`nil`: one per active processor).
    /// - Returns: a `rows × components` matrix whose rows sum to 1.
    /// - Throws: `GaussianMixtureError` for a wrong width, an infinite value or an all-missing row.
    public func predictProbabilities(_ data: Matrix, threads: Int? = nil) throws -> Matrix {
        var values = [Double](repeating: 0, count: data.rows * components)
        try values.withUnsafeMutableBufferPointer { buffer in
            try evaluate(data, threads: threads, ScoringPass.Outputs(probabilities: buffer.writes))
        }
        return try Matrix(rows: data.rows, columns: components, values: values)
    }

    /// The most probable component of each row (scikit-learn's `predict`).
    public func predict(_ data: Matrix, threads: Int? = nil) throws -> [Int] {
        var labels = [Int](repeating: 0, count: data.rows)
        try labels.withUnsafeMutableBufferPointer { buffer in
            try evaluate(data, threads: threads, ScoringPass.Outputs(labels: buffer.writes))
        }
        return labels
    }

    /// The log density of each row under the mixture (scikit-learn's `score_samples`).
    public func scoreSamples(_ data: Matrix, threads: Int? = nil) throws -> [Double] {
        var densities = [Double](repeating: 0, count: data.rows)
        try densities.withUnsafeMutableBufferPointer { buffer in
            try evaluate(data, threads: threads, ScoringPass.Outputs(logDensities: buffer.writes))
        }
        return densities
    }

    /// The mean log density of the rows (scikit-learn's `score`).
    public func score(_ data: Matrix, threads: Int? = nil) throws -> Double {
        let densities = try scoreSamples(data, threads: threads)
        return densities.reduce(0, +) / Double(max(1, densities.count))
    }

    /// The Bayesian information criterion on `data`: `−2 log L + p log n` (lower is better).
    public func bic(_ data: Matrix) throws -> Double {
        -2 * (try score(data)) * Double(data.rows) + Double(parameterCount) * log(Double(data.rows))
    }

    /// The Akaike information criterion on `data`: `−2 log L + 2p` (lower is better).
    public func aic(_ data: Matrix) throws -> Double {
        -2 * (try score(data)) * Double(data.rows) + 2 * Double(parameterCount)
    }

    /// Runs the scoring kernel on complete rows, then re-scores rows with missing values
    /// through the marginal model of their missing-value pattern.
    private func evaluate(_ data: Matrix, threads: Int?, _ outputs: ScoringPass.Outputs) throws {
        let incomplete = try DataValidation.checkScoringData(data, dimensions: dimensions)
        ScoringPass.run(data, kernel, threads: threads ?? Parallelism.defaultThreads, outputs: outputs)
        for (present, rows) in incomplete {
            let marginal = try marginal(over: present)
            var subset: [Double] = []
            subset.reserveCapacity(rows.count * present.count)
            for row in rows { for j in present { subset.append(data[row, j]) } }
            let subsetMatrix = try Matrix(rows: rows.count, columns: present.count, values: subset)
            if let probabilities = outputs.probabilities?.base {
                let result = try marginal.predictProbabilities(subsetMatrix, threads: 1)
                for (i, row) in rows.enumerated() {
                    for c in 0..<components { probabilities[row * components + c] = result[i, c] }
                }
            }
            if let logDensities = outputs.logDensities?.base {
                let result = try marginal.scoreSamples(subsetMatrix, threads: 1)
                for (i, row) in rows.enumerated() { logDensities[row] = result[i] }
            }
            if let labels = outputs.labels?.base {
                let result = try marginal.predict(subsetMatrix, threads: 1)
                for (i, row) in rows.enumerated() { labels[row] = result[i] }
            }
        }
    }
}

extension UnsafeMutableBufferPointer {
    /// The buffer's start as a pointer that parallel chunks may write through.
    var writes: DisjointWrites<Element> { DisjointWrites(base: baseAddress!) }
}
