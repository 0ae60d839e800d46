/// Evaluates every component's log density on one block of rows at a time.
///
/// Owns a private copy of the parameters and the scratch vectors one thread needs, so each
/// thread (or chunk) creates its own.
final class BlockEvaluator<Kernel: DensityKernel, Features: FeatureCount> {
    let components: Int
    let dimensions: Int
    /// Per component: mean (`d`), packed factor (`factorCount`), constant (1).
    private let parameters: UnsafeMutablePointer<Double>
    private let parameterStride: Int
    private let factorCount: Int
    /// The current block's feature vectors.
    private let x: UnsafeMutablePointer<Lanes>
    /// `x − μ_c` for every component, `components × dimensions` vectors.
    let differences: UnsafeMutablePointer<Lanes>
    /// Per component: the log density after `evaluate`, `exp(log density − max)` after `exponentiate`.
    let densities: UnsafeMutablePointer<Lanes>

    init(_ kernel: KernelParameters) {
        let k = kernel.components, d = kernel.dimensions
        components = k
        dimensions = d
        factorCount = kernel.factorCount
        parameterStride = d + factorCount + 1
        parameters = .allocate(capacity: k * parameterStride)
        for c in 0..<k {
            let base = parameters + c * parameterStride
            for j in 0..<d { base[j] = kernel.means[c * d + j] }
            for t in 0..<factorCount { base[d + t] = kernel.factors[c * factorCount + t] }
            base[d + factorCount] = kernel.constants[c]
        }
        x = .allocate(capacity: d)
        differences = .allocate(capacity: k * d)
        densities = .allocate(capacity: k)
    }

    deinit {
        parameters.deallocate()
        x.deallocate()
        differences.deallocate()
        densities.deallocate()
    }

    /// Loads block `b` from `data` and puts each component's log density in `densities`.
    @inline(__always)
    func evaluate(block b: Int, of data: ColumnBlocks) {
        let d = Features.count(dimensions)
        for j in 0..<d { x[j] = data.storage[j &* data.blockCount &+ b] }
        for c in 0..<components {
            let base = parameters + c &* parameterStride
            densities[c] = Kernel.logDensity(
                x, mean: base, factor: base + d, constant: base[d &+ factorCount], d: d,
                difference: differences + c &* d)
        }
    }

    /// Replaces the log densities by `exp(log density − max)` and returns the per-row maximum
    /// and sum, so that `max + log(sum)` is the row's log likelihood and `densities[c] / sum`
    /// its responsibilities.
    @inline(__always)
    func exponentiate() -> (maximum: Lanes, sum: Lanes) {
        var maximum = densities[0]
        for c in 1..<max(1, components) { maximum = maximum.atLeast(densities[c]) }
        var sum = Lanes()
        for c in 0..<components {
            let e = (densities[c] - maximum).exponential()
            densities[c] = e
            sum += e
        }
        return (maximum, sum)
    }
}
