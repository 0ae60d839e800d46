import Foundation

/// Fits an `AgeCurve` to one row per player by local likelihood, after Cole & Green's LMS
/// method (see docs/age-curves.md for the choice and its alternatives).
///
/// - `L`, one power for all ages, maximises the LMS log-likelihood of the rows; it is searched on
///   a coarse grid from `powerRange`'s low end to its high end, then refined by golden section.
/// - For a given `L`, at each grid age the Box-Cox transformed scores (`x^L`, or `log x` for
///   `L` 0) of the nearby players are fitted by a tricube-weighted local line in age: its value at
///   the grid age gives `M`, the weighted residual spread gives `S`. "Nearby" is the
///   `neighbours` nearest players, and at least `minimumHalfWidth` years either side, so dense
///   ages get a sharp curve and sparse ones (children, seniors) a steadier one.
///
/// Scores of 0 or less carry no information on a power scale and are left out of the fit (they
/// grade as the lowest z).
struct AgeCurveFit {
    /// Grid ages at most.
    var gridPoints = 41
    /// The powers `L` considered.
    var powerRange = -1.5...2.5
    /// The share of the players each grid age is fitted on (at least `minimumNeighbours`).
    var neighbourShare = 0.1
    var minimumNeighbours = 100
    /// The local window's half-width in years, at least.
    var minimumHalfWidth = 5.0

    /// The least number of positive scores a curve is fitted on.
    static let minimumRows = 10

    /// - Returns: nil when fewer than `minimumRows` rows have a positive score and a finite age.
    func fit(ages: [Double], scores: [Double]) -> AgeCurve? {
        let rows = zip(ages, scores).filter { $0.0.isFinite && $0.1 > 0 && $0.1.isFinite }.sorted { $0.0 < $1.0 }
        guard rows.count >= Self.minimumRows else { return nil }
        let age = rows.map(\.0), score = rows.map(\.1)
        let grid = Self.grid(from: age[0], to: age[age.count - 1], points: gridPoints)
        let neighbours = min(age.count, max(minimumNeighbours, Int(Double(age.count) * neighbourShare)))
        let windows = grid.map { LocalWindow(at: $0, sortedAges: age, neighbours: neighbours, minimumHalfWidth: minimumHalfWidth) }
        let logScores = score.map { Foundation.log($0) }

        func curve(power: Double) -> AgeCurve? {
            let transformed = abs(power) < 1e-9 ? logScores : logScores.map { Foundation.exp(power * $0) }
            var median: [Double] = [], variation: [Double] = []
            for window in windows {
                let (level, spread) = window.localLine(transformed)
                if abs(power) < 1e-9 {
                    median.append(Foundation.exp(level))
                    variation.append(max(spread, 1e-3))
                } else {
                    guard level > 0 else { return nil }
                    median.append(Foundation.pow(level, 1 / power))
                    variation.append(max(spread / (abs(power) * level), 1e-3))
                }
            }
            // Keep the power transform defined out to the graded z's limit at every age.
            guard variation.allSatisfy({ abs(power) * $0 * AgeCurve.zLimit < 0.99 }) else { return nil }
            return AgeCurve(ages: grid, power: power, median: median, variation: variation, players: rows.count)
        }
        func logLikelihood(_ curve: AgeCurve) -> Double {
            var total = 0.0
            for i in age.indices {
                let reading = curve.reading(atAge: age[i])
                let z = reading.z(of: score[i])
                total += curve.power * (logScores[i] - Foundation.log(reading.median)) - Foundation.log(reading.variation) - z * z / 2
            }
            return total
        }
        func value(_ power: Double) -> (Double, AgeCurve?) {
            guard let fitted = curve(power: power) else { return (-.infinity, nil) }
            return (logLikelihood(fitted), fitted)
        }

        // A coarse search, then golden section between the best point's neighbours.
        let step = 0.25
        let coarse = stride(from: powerRange.lowerBound, through: powerRange.upperBound + 1e-9, by: step).map { ($0, value($0).0) }
        guard let best = coarse.max(by: { $0.1 < $1.1 }), best.1 > -.infinity else {
            return curve(power: 0)
                ?? AgeCurve(ages: grid, power: 0, median: grid.map { _ in 1 }, variation: grid.map { _ in 1 }, players: rows.count)
        }
        var low = max(powerRange.lowerBound, best.0 - step), high = min(powerRange.upperBound, best.0 + step)
        // Each step keeps one inner point and its likelihood, so it costs one new fit.
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = high - ratio * (high - low), b = low + ratio * (high - low)
        var (atA, atB) = (value(a).0, value(b).0)
        while high - low > 0.01 {
            if atA >= atB {
                (high, b, atB) = (b, a, atA)
                a = high - ratio * (high - low)
                atA = value(a).0
            } else {
                (low, a, atA) = (a, b, atB)
                b = low + ratio * (high - low)
                atB = value(b).0
            }
        }
        let power = ((low + high) / 2 * 100).rounded() / 100
        let chosen = value(power)
        return chosen.0 >= best.1 ? chosen.1 : value(best.0).1
    }

    /// Evenly spaced ages from `first` to `last`, about one a year up to `points`; one age
    /// (the middle) when the range is under a year.
    static func grid(from first: Double, to last: Double, points: Int) -> [Double] {
        guard last - first >= 1 else { return [((first + last) / 2 * 100).rounded() / 100] }
        let count = min(points, max(2, Int((last - first).rounded(.down)) + 1))
        return (0..<count).map { first + (last - first) * Double($0) / Double(count - 1) }
    }
}

/// The players near one grid age, with their tricube weights and the weighted moments of their
/// distance in age (the same for every power, so computed once).
struct LocalWindow {
    let range: Range<Int>
    let weights: [Double]
    let offsets: [Double]
    let moments: (Double, Double, Double)

    /// - Parameters:
    ///   - center: the grid age.
    ///   - sortedAges: every row's age, increasing.
    init(at center: Double, sortedAges ages: [Double], neighbours: Int, minimumHalfWidth: Double) {
        // The `neighbours` nearest ages: widen from the insertion point towards the nearer side.
        var low = ages.partitioningIndex { $0 >= center }, high = low
        while high - low < neighbours {
            if low == 0 {
                high += 1
            } else if high == ages.count {
                low -= 1
            } else if center - ages[low - 1] <= ages[high] - center {
                low -= 1
            } else {
                high += 1
            }
        }
        let reach = max(center - ages[low], ages[high - 1] - center)
        let halfWidth = max(minimumHalfWidth, reach) * 1.0001
        while low > 0, center - ages[low - 1] < halfWidth { low -= 1 }
        while high < ages.count, ages[high] - center < halfWidth { high += 1 }
        range = low..<high
        offsets = ages[range].map { $0 - center }
        weights = offsets.map { offset in
            let u = abs(offset) / halfWidth
            let v = 1 - u * u * u
            return v * v * v
        }
        var s0 = 0.0, s1 = 0.0, s2 = 0.0
        for (w, d) in zip(weights, offsets) {
            s0 += w
            s1 += w * d
            s2 += w * d * d
        }
        moments = (s0, s1, s2)
    }

    /// The weighted local line through `values` (indexed like the sorted rows): its value at the
    /// grid age and the weighted standard deviation of the residuals.
    func localLine(_ values: [Double]) -> (level: Double, spread: Double) {
        let (s0, s1, s2) = moments
        var t0 = 0.0, t1 = 0.0
        for (i, row) in range.enumerated() {
            t0 += weights[i] * values[row]
            t1 += weights[i] * offsets[i] * values[row]
        }
        let determinant = s0 * s2 - s1 * s1
        let (intercept, slope) =
            determinant > 1e-12 * s0 * s2
            ? ((s2 * t0 - s1 * t1) / determinant, (s0 * t1 - s1 * t0) / determinant) : (t0 / s0, 0)
        var squares = 0.0
        for (i, row) in range.enumerated() {
            let residual = values[row] - intercept - slope * offsets[i]
            squares += weights[i] * residual * residual
        }
        return (intercept, (squares / s0).squareRoot())
    }
}

extension Array {
    /// The first index whose element satisfies `belongs`, for an array partitioned so that every
    /// element satisfying it comes after every one that does not (binary search).
    func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
