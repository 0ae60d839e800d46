import Foundation

/// The regularized incomplete beta function I_x(a, b), the distribution function of the
/// beta distribution (and, through it, of Student's t).
enum IncompleteBeta {
    /// I_x(a, b) for a, b > 0, with `y = 1 − x` passed separately so that an x close to 1
    /// (which rounds) keeps its precision through its complement.
    ///
    /// The continued fraction of Numerical Recipes (§6.4), evaluated by the modified Lentz
    /// method to double precision, on x when x is below the distribution's bulk and on the
    /// symmetric I_x(a, b) = 1 − I_y(b, a) otherwise, where it converges fast.
    static func regularized(a: Double, b: Double, x: Double, y: Double) -> Double {
        guard x > 0 else { return 0 }
        guard y > 0 else { return 1 }
        let logX = x > 0.5 ? log1p(-y) : log(x)
        let logY = y > 0.5 ? log1p(-x) : log(y)
        let front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * logX + b * logY)
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(a: a, b: b, x: x) / a
        }
        return 1 - front * continuedFraction(a: b, b: a, x: y) / b
    }

    /// The continued fraction for I_x(a, b) (Numerical Recipes' `betacf`).
    private static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let sum = a + b
        var c = 1.0
        var d = 1 - sum * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...100_000 {
            let m = Double(m)
            let twoM = 2 * m
            // The even step.
            var coefficient = m * (b - m) * x / ((a - 1 + twoM) * (a + twoM))
            d = 1 + coefficient * d
            if abs(d) < tiny { d = tiny }
            c = 1 + coefficient / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            // The odd step.
            coefficient = -(a + m) * (sum + m) * x / ((a + twoM) * (a + 1 + twoM))
            d = 1 + coefficient * d
            if abs(d) < tiny { d = tiny }
            c = 1 + coefficient / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let change = d * c
            result *= change
            if abs(change - 1) < 1e-15 { break }
        }
        return result
    }
}
