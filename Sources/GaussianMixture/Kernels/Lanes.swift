/// The SIMD vector the kernels work in: one lane per data row, so a block of
/// `Lanes.scalarCount` rows is processed by each vector instruction.
typealias Lanes = SIMD4<Double>

extension SIMD4 where Scalar == Double {
    /// `self + a * b`, lane by lane.
    @inline(__always)
    func plus(_ a: Self, times b: Self) -> Self {
        self + a * b
    }

    /// The lane-wise maximum of `self` and `other` (inlined, unlike the generic `pointwiseMax`).
    @inline(__always)
    func atLeast(_ other: Self) -> Self {
        replacing(with: other, where: other .> self)
    }

    /// The lane-wise minimum of `self` and `other`.
    @inline(__always)
    func atMost(_ other: Self) -> Self {
        replacing(with: other, where: other .< self)
    }

    /// `exp` of every lane, to within about one ulp.
    ///
    /// Cody–Waite reduction `x = n·ln 2 + r` with `|r| ≤ ln 2 / 2`, a degree-12 Taylor polynomial
    /// for `eʳ`, and `2ⁿ` built from the exponent bits. Lanes below −708.3 give 0 (the true value
    /// is subnormal or zero there; the kernels only need it as a weight), lanes above 709 are clamped.
    @inline(__always)
    func exponential() -> Self {
        let log2e = 1.4426950408889634
        let ln2High = 0.693147180369123816490
        let ln2Low = 1.90821492927058770002e-10
        let shifter = 6_755_399_441_055_744.0  // 1.5 · 2⁵², rounds to an integer in the low bits
        let x = self.atLeast(Self(repeating: -708.3)).atMost(Self(repeating: 709.0))
        let shifted = x * log2e + shifter
        let n = shifted - shifter
        let r = x - n * ln2High - n * ln2Low
        var p = Self(repeating: 1.0 / 479_001_600)
        p = Self(repeating: 1.0 / 39_916_800).plus(p, times: r)
        p = Self(repeating: 1.0 / 3_628_800).plus(p, times: r)
        p = Self(repeating: 1.0 / 362_880).plus(p, times: r)
        p = Self(repeating: 1.0 / 40_320).plus(p, times: r)
        p = Self(repeating: 1.0 / 5_040).plus(p, times: r)
        p = Self(repeating: 1.0 / 720).plus(p, times: r)
        p = Self(repeating: 1.0 / 120).plus(p, times: r)
        p = Self(repeating: 1.0 / 24).plus(p, times: r)
        p = Self(repeating: 1.0 / 6).plus(p, times: r)
        p = Self(repeating: 0.5).plus(p, times: r)
        p = Self(repeating: 1).plus(p, times: r)
        p = Self(repeating: 1).plus(p, times: r)
        // The integer n sits in the low mantissa bits of `shifted`; moving it to the exponent
        // field and adding it to p's bits multiplies p by 2ⁿ.
        let nBits = unsafeBitCast(shifted, to: SIMD4<UInt64>.self) &<< 52
        let scaled = unsafeBitCast(unsafeBitCast(p, to: SIMD4<UInt64>.self) &+ nBits, to: Self.self)
        return scaled.replacing(with: 0, where: self .< -708.3)
    }
}
