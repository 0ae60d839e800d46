/// The fitting procedure: validated data, restarts, initialisation and the EM loop.
extension GaussianMixture {
    /// Fits the mixture to `data` (rows are samples, columns features).
    /// - Parameters:
    ///   - data: at least `components` rows of finite values.
    ///   - progress: called after every EM iteration (from the calling thread).
    /// - Returns: the best model over `restarts` initialisations, with its convergence facts.
    /// - Throws: `GaussianMixtureError` for a bad setting, bad data, or a covariance that
    ///   cannot be factorised.
    public func fit(_ data: Matrix, progress: ((IterationReport) -> Void)? = nil) throws -> GaussianMixtureFit {
        try validate()
        try DataValidation.checkTrainingData(data, components: components)
        try checkInitialization(rows: data.rows)
        let blocks = ColumnBlocks(data)
        let threadCount = threads ?? Parallelism.defaultThreads
        var generator = SeededGenerator(seed: seed)
        var best: GaussianMixtureFit?
        for restart in 0..<restarts {
            let start = try initialModel(data, blocks, threads: threadCount, generator: &generator)
            let result = try runEM(from: start, blocks, threads: threadCount, restart: restart, progress: progress)
            if best == nil || result.lowerBound > best!.lowerBound { best = result }
        }
        return best!
    }

    private func runEM(
        from start: GaussianMixtureModel, _ blocks: ColumnBlocks, threads: Int, restart: Int,
        progress: ((IterationReport) -> Void)?
    ) throws -> GaussianMixtureFit {
        var model = start
        var lowerBound = -Double.infinity
        for iteration in 1...maxIterations {
            let statistics = StatisticsPass.run(blocks, model.kernel, threads: threads)
            let previous = lowerBound
            lowerBound = statistics.logLikelihood / Double(blocks.rows)
            model = try MStep.model(
                from: statistics, around: model.kernel.means, type: covarianceType, regularization: regularization)
            let change = lowerBound - previous
            progress?(IterationReport(restart: restart, iteration: iteration, lowerBound: lowerBound, change: change))
            if abs(change) < tolerance {
                return GaussianMixtureFit(
                    model: model, converged: true, iterations: iteration, lowerBound: lowerBound, bestRestart: restart)
            }
        }
        return GaussianMixtureFit(
            model: model, converged: false, iterations: maxIterations, lowerBound: lowerBound, bestRestart: restart)
    }

    private func initialModel(
        _ data: Matrix, _ blocks: ColumnBlocks, threads: Int, generator: inout SeededGenerator
    ) throws -> GaussianMixtureModel {
        let assignment: Assignment
        switch initialization {
        case .kMeans, .kMeansPlusPlus:
            let kMeans = KMeans(data: blocks, threads: threads)
            let seeds = kMeans.seed(components: components, generator: &generator)
            assignment = .labels(
                initialization == .kMeans
                    ? kMeans.cluster(from: seeds, components: components)
                    : kMeans.nearest(seeds, components: components))
        case .random:
            var values = [Double](repeating: 0, count: data.rows * components)
            for i in values.indices { values[i] = generator.nextUnit() }
            assignment = .responsibilities(try Matrix(rows: data.rows, columns: components, values: values))
        case .responsibilities(let matrix):
            assignment = .responsibilities(matrix)
        case .labels(let labels):
            assignment = .labels(labels)
        }
        return try InitialEstimate.model(
            data, assignment, components: components, type: covarianceType, regularization: regularization,
            threads: threads)
    }

    private func checkInitialization(rows: Int) throws {
        func fail(_ message: String) -> GaussianMixtureError { .invalidParameter(name: "initialization", message: message) }
        switch initialization {
        case .kMeans, .kMeansPlusPlus, .random:
            return
        case .responsibilities(let matrix):
            guard matrix.rows == rows, matrix.columns == components else {
                throw fail("responsibilities must be \(rows) × \(components), got \(matrix.rows) × \(matrix.columns)")
            }
            for row in 0..<rows {
                let values = matrix.row(row)
                guard values.allSatisfy({ $0 >= 0 && $0.isFinite }), values.contains(where: { $0 > 0 }) else {
                    throw fail("responsibilities of row \(row) must be finite, non-negative and not all zero")
                }
            }
        case .labels(let labels):
            guard labels.count == rows else { throw fail("\(labels.count) labels for \(rows) rows") }
            if let row = labels.firstIndex(where: { !(0..<components).contains($0) }) {
                throw fail("label \(labels[row]) of row \(row) is not in 0..<\(components)")
            }
        }
    }
}
