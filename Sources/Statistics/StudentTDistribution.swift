import Foundation

/// Student's t distribution with ν degrees of freedom (ν need not be whole, as for Welch's
/// test).
public enum StudentTDistribution {
    /// The `p` quantile: the t with P(T ≤ t) = p. `p ≤ 0` gives −∞, `p ≥ 1` gives +∞.
    ///
    /// Newton's method on the logarithm of the upper tail against log t, from the Cornish–Fisher
    /// expansion around the normal quantile, kept inside a shrinking bracket (bisection when a
    /// step leaves it); the tail comes from the regularized incomplete beta function, so the
    /// result is accurate to about 1e-12 relative. Above 10⁷ degrees of freedom the expansion
    /// alone is exact to double precision and is returned.
    /// - Precondition: `degreesOfFreedom > 0`.
    public static func quantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        precondition(degreesOfFreedom > 0, "degrees of freedom must be positive")
        guard p > 0 else { return -.infinity }
        guard p < 1 else { return .infinity }
        if p == 0.5 { return 0 }
        let t = upperQuantile(p < 0.5 ? p : 1 - p, degreesOfFreedom)
        return p < 0.5 ? -t : t
    }

    /// The t of a two-sided interval at `confidence` (2.262157 for 0.95 and ν = 9), computed
    /// from the small tail `(1 − confidence) / 2` so it keeps its precision.
    /// - Precondition: `confidence` is in (0, 1), `degreesOfFreedom > 0`.
    public static func criticalValue(confidence: Double, degreesOfFreedom: Double) -> Double {
        precondition(confidence > 0 && confidence < 1, "confidence must be in (0, 1)")
        precondition(degreesOfFreedom > 0, "degrees of freedom must be positive")
        return upperQuantile((1 - confidence) / 2, degreesOfFreedom)
    }

    /// P(T > t) for t ≥ 0: ½ · I_x(ν/2, ½) with x = ν / (ν + t²).
    static func upperTail(_ t: Double, _ nu: Double) -> Double {
        let square = t * t
        let x = nu / (nu + square)
        let y = square / (nu + square)
        return 0.5 * IncompleteBeta.regularized(a: nu / 2, b: 0.5, x: x, y: y)
    }

    /// The density at t.
    static func density(_ t: Double, _ nu: Double) -> Double {
        let logNormaliser = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
        return exp(logNormaliser - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// The t > 0 with P(T > t) = q, for q in (0, ½).
    private static func upperQuantile(_ q: Double, _ nu: Double) -> Double {
        let z = -NormalDistribution.quantile(q)
        let expansion = cornishFisher(z, nu)
        if !(nu < 1e7) { return expansion }
        var t = expansion > 0 ? expansion : z
        var low = 0.0
        var high = Double.infinity
        let logTarget = log(q)
        for _ in 0..<200 {
            let tail = upperTail(t, nu)
            if tail > q { low = t } else { high = t }
            // d log Q / d log t = −t · f(t) / Q(t).
            let slope = -t * density(t, nu) / tail
            var next = t * exp(-(log(tail) - logTarget) / slope)
            if !(next > low && next < high) {
                next = high.isFinite ? (low + high) / 2 : 2 * t
            }
            if abs(next - t) <= 1e-13 * t { return next }
            t = next
        }
        return t
    }

    /// The Cornish–Fisher expansion of the t quantile in 1/ν to the fourth order, around the
    /// normal quantile z (Abramowitz & Stegun 26.7.5).
    private static func cornishFisher(_ z: Double, _ nu: Double) -> Double {
        let z2 = z * z
        let g1 = z * (z2 + 1) / 4
        let g2 = z * ((5 * z2 + 16) * z2 + 3) / 96
        let g3 = z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384
        let g4 = z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160
        return z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu
    }
}
