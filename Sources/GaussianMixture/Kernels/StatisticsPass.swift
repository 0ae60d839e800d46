import Foundation

/// One fused EM pass over the data: the E-step (responsibilities under the current
/// parameters) and the accumulation of the M-step's sufficient statistics, without ever
/// storing the `n × k` responsibility matrix.
///
/// The rows are cut into fixed chunks whose partial sums are added in chunk order, so the
/// result is bit-for-bit the same whatever the number of threads.
enum StatisticsPass {
    /// Rows per chunk, a whole number of blocks.
    static let blocksPerChunk = 2048
    /// Blocks whose per-row likelihood sums are multiplied before one `log` is taken.
    /// Each factor is at most `k`, so the product stays far from overflow.
    static let blocksPerLogarithm = 16

    /// Runs the pass with the kernel that matches the parameters' layout.
    static func run(_ data: ColumnBlocks, _ parameters: KernelParameters, threads: Int) -> MomentStatistics {
        switch parameters.layout {
        case .triangular:
            return withFeatureCount(parameters.dimensions, Specialised<TriangularKernel>(data, parameters, threads))
        case .diagonal:
            return withFeatureCount(parameters.dimensions, Specialised<DiagonalKernel>(data, parameters, threads))
        }
    }

    /// The pass for one kernel layout, specialised by `withFeatureCount` for the dimension.
    private struct Specialised<Kernel: DensityKernel>: FeatureCountGeneric {
        let data: ColumnBlocks
        let parameters: KernelParameters
        let threads: Int

        init(_ data: ColumnBlocks, _ parameters: KernelParameters, _ threads: Int) {
            self.data = data
            self.parameters = parameters
            self.threads = threads
        }

        func run<Features: FeatureCount>(_ features: Features.Type) -> MomentStatistics {
            StatisticsPass.run(Kernel.self, Features.self, data, parameters, threads: threads)
        }
    }

    private static func run<Kernel: DensityKernel, Features: FeatureCount>(
        _ kernel: Kernel.Type, _ features: Features.Type, _ data: ColumnBlocks, _ parameters: KernelParameters,
        threads: Int
    ) -> MomentStatistics {
        var result = MomentStatistics(
            components: parameters.components, dimensions: parameters.dimensions,
            momentCount: Kernel.momentCount(parameters.dimensions))
        let slotSize = 1 + result.values.count
        let chunks = (data.blockCount + blocksPerChunk - 1) / blocksPerChunk
        let slots = SharedBuffer<Double>(count: chunks * slotSize)
        Parallelism.forEachChunk(chunks, threads: threads) { chunk in
            let start = chunk * blocksPerChunk
            accumulate(
                Kernel.self, Features.self, data, parameters, blocks: start..<min(start + blocksPerChunk, data.blockCount),
                into: slots.pointer + chunk * slotSize)
        }
        for chunk in 0..<chunks {
            let slot = slots.pointer + chunk * slotSize
            result.logLikelihood += slot[0]
            for i in 0..<result.values.count { result.values[i] += slot[1 + i] }
        }
        return result
    }

    /// Accumulates one chunk into `slot`: `[log likelihood, per-component statistics…]`.
    private static func accumulate<Kernel: DensityKernel, Features: FeatureCount>(
        _ kernel: Kernel.Type, _ features: Features.Type, _ data: ColumnBlocks, _ parameters: KernelParameters,
        blocks: Range<Int>, into slot: UnsafeMutablePointer<Double>
    ) {
        let evaluator = BlockEvaluator<Kernel, Features>(parameters)
        let k = parameters.components, d = Features.count(parameters.dimensions)
        let stride = 1 + d + Kernel.momentCount(d)
        let sums = UnsafeMutablePointer<Lanes>.allocate(capacity: k * stride)
        sums.initialize(repeating: Lanes(), count: k * stride)
        defer { sums.deallocate() }

        var logLikelihood = 0.0
        var maxima = Lanes()
        var product = Lanes(repeating: 1)
        var pending = 0
        for b in blocks {
            evaluator.evaluate(block: b, of: data)
            let (maximum, sum) = evaluator.exponentiate()
            let valid = data.validLanes(b)
            maxima += maximum * valid
            product *= sum.replacing(with: 1, where: valid .== 0)
            pending &+= 1
            if pending == blocksPerLogarithm {
                logLikelihood += logSum(product)
                product = Lanes(repeating: 1)
                pending = 0
            }
            let scale = valid / sum
            for c in 0..<k {
                let r = evaluator.densities[c] * scale
                let base = sums + c &* stride
                base[0] += r
                Kernel.accumulateMoments(
                    r, difference: evaluator.differences + c &* d, d: d,
                    first: base + 1, second: base + (1 &+ d))
            }
        }
        logLikelihood += logSum(product) + maxima.sum()
        slot[0] = logLikelihood
        for i in 0..<(k * stride) { slot[1 + i] = sums[i].sum() }
    }

    @inline(__always)
    private static func logSum(_ product: Lanes) -> Double {
        var total = 0.0
        for lane in 0..<Lanes.scalarCount { total += log(product[lane]) }
        return total
    }
}
