import Foundation

/// Cholesky factorisation of small symmetric positive-definite matrices stored row-major.
enum Cholesky {
    /// The lower-triangular `L` with `a = L Lᵀ`, or `nil` when `a` is not (numerically)
    /// positive definite.
    /// - Parameters:
    ///   - a: a symmetric `d × d` matrix, row-major (only the lower triangle is read).
    ///   - d: the dimension.
    static func lower(_ a: [Double], dimension d: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            var pivot = a[j * d + j]
            for p in 0..<j { pivot -= l[j * d + p] * l[j * d + p] }
            guard pivot > 0, pivot.isFinite else { return nil }
            let root = pivot.squareRoot()
            l[j * d + j] = root
            for i in (j + 1)..<d {
                var sum = a[i * d + j]
                for p in 0..<j { sum -= l[i * d + p] * l[j * d + p] }
                l[i * d + j] = sum / root
            }
        }
        return l
    }

    /// scikit-learn's "precision Cholesky": the upper-triangular `U = (L⁻¹)ᵀ`, so that the
    /// precision matrix is `U Uᵀ` and `‖(x − μ)ᵀ U‖²` is the Mahalanobis distance.
    static func precisionFactor(lower l: [Double], dimension d: Int) -> [Double] {
        // Invert the lower-triangular L column by column (forward substitution), then transpose.
        var inverse = [Double](repeating: 0, count: d * d)
        for column in 0..<d {
            for i in column..<d {
                var sum = i == column ? 1.0 : 0.0
                for p in column..<i { sum -= l[i * d + p] * inverse[p * d + column] }
                inverse[i * d + column] = sum / l[i * d + i]
            }
        }
        var upper = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            for j in 0..<d { upper[i * d + j] = inverse[j * d + i] }
        }
        return upper
    }
}
