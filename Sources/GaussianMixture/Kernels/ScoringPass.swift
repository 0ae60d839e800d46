import Foundation

/// Scores rows of a matrix against a model: per row, the component probabilities, the log
/// density and the most probable component, computed block by block with the EM kernels.
enum ScoringPass {
    /// Where results go; each is `nil` when not wanted. Rows are written at their index in the data.
    struct Outputs: Sendable {
        /// `rows × components`, row-major.
        var probabilities: DisjointWrites<Double>?
        /// One log density per row.
        var logDensities: DisjointWrites<Double>?
        /// One component index per row.
        var labels: DisjointWrites<Int>?
    }

    /// Rows per chunk of work.
    static let rowsPerChunk = 8192

    static func run(_ data: Matrix, _ parameters: KernelParameters, threads: Int, outputs: Outputs) {
        switch parameters.layout {
        case .triangular:
            withFeatureCount(parameters.dimensions, Specialised<TriangularKernel>(data, parameters, threads, outputs))
        case .diagonal:
            withFeatureCount(parameters.dimensions, Specialised<DiagonalKernel>(data, parameters, threads, outputs))
        }
    }

    private struct Specialised<Kernel: DensityKernel>: FeatureCountGeneric {
        let data: Matrix
        let parameters: KernelParameters
        let threads: Int
        let outputs: Outputs

        init(_ data: Matrix, _ parameters: KernelParameters, _ threads: Int, _ outputs: Outputs) {
            self.data = data
            self.parameters = parameters
            self.threads = threads
            self.outputs = outputs
        }

        func run<Features: FeatureCount>(_ features: Features.Type) {
            let chunks = (data.rows + rowsPerChunk - 1) / rowsPerChunk
            let (data, parameters, outputs) = (data, parameters, outputs)
            Parallelism.forEachChunk(chunks, threads: threads) { chunk in
                let start = chunk * rowsPerChunk
                let blocks = ColumnBlocks(data, rows: start..<min(start + rowsPerChunk, data.rows))
                score(blocks, firstRow: start, BlockEvaluator<Kernel, Features>(parameters), outputs)
            }
        }
    }

    private static func score<Kernel, Features>(
        _ blocks: ColumnBlocks, firstRow: Int, _ evaluator: BlockEvaluator<Kernel, Features>, _ outputs: Outputs
    ) {
        let k = evaluator.components, width = Lanes.scalarCount
        for b in 0..<blocks.blockCount {
            evaluator.evaluate(block: b, of: blocks)
            let (maximum, sum) = evaluator.exponentiate()
            let inverse = 1 / sum
            for lane in 0..<min(width, blocks.rows - b * width) {
                let row = firstRow + b * width + lane
                if let probabilities = outputs.probabilities?.base {
                    for c in 0..<k { probabilities[row * k + c] = evaluator.densities[c][lane] * inverse[lane] }
                }
                if let logDensities = outputs.logDensities?.base {
                    logDensities[row] = maximum[lane] + log(sum[lane])
                }
                if let labels = outputs.labels?.base {
                    var best = 0
                    for c in 1..<max(1, k) where evaluator.densities[c][lane] > evaluator.densities[best][lane] {
                        best = c
                    }
                    labels[row] = best
                }
            }
        }
    }
}
