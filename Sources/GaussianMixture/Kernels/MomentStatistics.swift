/// The sufficient statistics of one EM pass: the log likelihood of the data under the
/// parameters used, and per component the responsibility-weighted moments of `x − μ_c`
/// around that component's current mean (shifted sums keep precision for raw-scale data).
struct MomentStatistics {
    let components: Int
    let dimensions: Int
    /// Second-moment entries per component: `d(d+1)/2` packed (triangular) or `d` (diagonal).
    let momentCount: Int
    /// Sum over rows of each row's log likelihood.
    var logLikelihood: Double = 0
    /// Per component: `[N, Σ r·δ (d values), Σ r·δδᵀ (momentCount values)]`.
    var values: [Double]

    init(components: Int, dimensions: Int, momentCount: Int) {
        self.components = components
        self.dimensions = dimensions
        self.momentCount = momentCount
        values = Array(repeating: 0, count: components * (1 + dimensions + momentCount))
    }

    /// Values per component in `values`.
    var stride: Int { 1 + dimensions + momentCount }

    /// Total responsibility of component `c`.
    func mass(_ c: Int) -> Double { values[c * stride] }
    /// `Σ r·δⱼ` of component `c`.
    func first(_ c: Int, _ j: Int) -> Double { values[c * stride + 1 + j] }
    /// Second-moment entry `t` of component `c`.
    func second(_ c: Int, _ t: Int) -> Double { values[c * stride + 1 + dimensions + t] }
}
