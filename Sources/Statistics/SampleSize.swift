/// How many observations a comparison needs.
public enum SampleSize {
    /// Players per arm to detect a difference of `difference` in a proportion whose control
    /// value is `baseline`, with a two-sided test at level α = 1 − `confidence` and the given
    /// power (Fleiss' formula without continuity correction):
    ///
    ///     n = (z_{1−α/2} √(2 p̄ (1 − p̄)) + z_{power} √(p₁(1 − p₁) + p₂(1 − p₂)))² / (p₂ − p₁)²
    ///
    /// with p₁ = baseline, p₂ = p₁ ± difference taken towards ½ (the side with the larger
    /// variance, so the answer is the more cautious one) and clipped to [0, 1], and
    /// p̄ = (p₁ + p₂)/2. Rounded up.
    /// - Precondition: `difference`, `confidence` and `power` are in (0, 1).
    public static func perArm(baseline: Double, difference: Double, confidence: Double, power: Double) -> Int {
        precondition(difference > 0 && difference < 1, "difference must be in (0, 1)")
        precondition(power > 0 && power < 1, "power must be in (0, 1)")
        let p1 = min(1, max(0, baseline))
        let p2 = p1 <= 0.5 ? min(1, p1 + difference) : max(0, p1 - difference)
        let pooled = (p1 + p2) / 2
        let zAlpha = NormalDistribution.criticalValue(confidence: confidence)
        let zPower = NormalDistribution.quantile(power)
        let root =
            zAlpha * (2 * pooled * (1 - pooled)).squareRoot()
            + zPower * (p1 * (1 - p1) + p2 * (1 - p2)).squareRoot()
        let n = root * root / ((p2 - p1) * (p2 - p1))
        return Int(min(n.rounded(.up), 1e15))
    }
}
