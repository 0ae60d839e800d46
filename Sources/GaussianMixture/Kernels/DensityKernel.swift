/// The per-layout arithmetic of the kernels, for one block of rows and one component.
///
/// The passes are generic over this protocol so that each layout gets its own specialised,
/// branch-free inner loop.
protocol DensityKernel: Sendable {
    /// Second-moment accumulators per component (`d(d+1)/2` or `d`).
    static func momentCount(_ d: Int) -> Int

    /// Component log density plus log weight for one block.
    /// - Parameters:
    ///   - x: the block's `d` feature vectors.
    ///   - mean: the component mean, `d` values.
    ///   - factor: the component's packed precision Cholesky factor.
    ///   - constant: `log w + log det U − d/2 · log 2π`.
    ///   - d: the number of features.
    ///   - difference: receives `x − mean`, `d` vectors.
    static func logDensity(
        _ x: UnsafePointer<Lanes>, mean: UnsafePointer<Double>, factor: UnsafePointer<Double>,
        constant: Double, d: Int, difference: UnsafeMutablePointer<Lanes>
    ) -> Lanes

    /// Adds the responsibility-weighted first and second moments of `difference`:
    /// `first[j] += r·δⱼ` and the layout's products `r·δᵢδⱼ` to `second`.
    static func accumulateMoments(
        _ r: Lanes, difference: UnsafePointer<Lanes>, d: Int,
        first: UnsafeMutablePointer<Lanes>, second: UnsafeMutablePointer<Lanes>)
}

/// Full (and tied) covariances: packed upper-triangular precision factors.
enum TriangularKernel: DensityKernel {
    @inline(__always)
    static func momentCount(_ d: Int) -> Int { d * (d + 1) / 2 }

    @inline(__always)
    static func logDensity(
        _ x: UnsafePointer<Lanes>, mean: UnsafePointer<Double>, factor: UnsafePointer<Double>,
        constant: Double, d: Int, difference: UnsafeMutablePointer<Lanes>
    ) -> Lanes {
        for j in 0..<d { difference[j] = x[j] - Lanes(repeating: mean[j]) }
        var squaredDistance = Lanes()
        var t = 0
        for j in 0..<d {
            var y = Lanes()
            for i in 0...j {
                y = y.plus(difference[i], times: Lanes(repeating: factor[t]))
                t &+= 1
            }
            squaredDistance = squaredDistance.plus(y, times: y)
        }
        return Lanes(repeating: constant) - 0.5 * squaredDistance
    }

    @inline(__always)
    static func accumulateMoments(
        _ r: Lanes, difference: UnsafePointer<Lanes>, d: Int,
        first: UnsafeMutablePointer<Lanes>, second: UnsafeMutablePointer<Lanes>
    ) {
        var t = 0
        for j in 0..<d {
            let weighted = r * difference[j]
            first[j] += weighted
            for i in 0...j {
                second[t] = second[t].plus(weighted, times: difference[i])
                t &+= 1
            }
        }
    }
}

/// Diagonal (and spherical) covariances: one precision factor per feature.
enum DiagonalKernel: DensityKernel {
    @inline(__always)
    static func momentCount(_ d: Int) -> Int { d }

    @inline(__always)
    static func logDensity(
        _ x: UnsafePointer<Lanes>, mean: UnsafePointer<Double>, factor: UnsafePointer<Double>,
        constant: Double, d: Int, difference: UnsafeMutablePointer<Lanes>
    ) -> Lanes {
        var squaredDistance = Lanes()
        for j in 0..<d {
            let delta = x[j] - Lanes(repeating: mean[j])
            difference[j] = delta
            let y = delta * factor[j]
            squaredDistance = squaredDistance.plus(y, times: y)
        }
        return Lanes(repeating: constant) - 0.5 * squaredDistance
    }

    @inline(__always)
    static func accumulateMoments(
        _ r: Lanes, difference: UnsafePointer<Lanes>, d: Int,
        first: UnsafeMutablePointer<Lanes>, second: UnsafeMutablePointer<Lanes>
    ) {
        for j in 0..<d {
            let weighted = r * difference[j]
            first[j] += weighted
            second[j] = second[j].plus(weighted, times: difference[j])
        }
    }
}
