/// The age curve checked on players it was not fitted on (see `ValidationReport.Calibration`).
enum CentileCalibration {
    /// The centiles checked.
    static let centiles: [Double] = [10, 25, 50, 75, 90]

    /// - Parameters:
    ///   - rows: one recorded row per player (`Feature.recorded` order).
    ///   - heldOut: the indices of the held-out players; the others are fitted on.
    /// - Returns: nil when the fitted players are too few for a curve or none is held out.
    static func check(rows: [[Double]], heldOut: Set<Int>) -> ValidationReport.Calibration? {
        let fitted = rows.indices.filter { !heldOut.contains($0) }
        guard !heldOut.isEmpty,
            let curve = AgeCurveFit().fit(ages: fitted.map { rows[$0][1] }, scores: fitted.map { rows[$0][0] })
        else { return nil }
        // For every held-out player: their age and whether their score is below each centile.
        let tested = heldOut.sorted().map { i in
            let reading = curve.reading(atAge: rows[i][1])
            return (age: rows[i][1], below: centiles.map { rows[i][0] < reading.score(atPercentile: $0) })
        }
        func band(_ label: String, minimum: Double?, end: Double?) -> ValidationReport.Calibration.Band? {
            let members = tested.filter { AgeBand.contains($0.age, minimum: minimum, end: end) }
            guard !members.isEmpty else { return nil }
            let n = Double(members.count)
            let below = centiles.indices.map { j in
                let share = Double(members.count(where: { $0.below[j] })) / n
                return ValidationReport.Calibration.Below(centile: centiles[j], share: share, deviation: 100 * share - centiles[j])
            }
            return .init(
                label: label, minimumAge: minimum, endAge: end, players: members.count, below: below,
                maximumDeviation: below.map { abs($0.deviation) }.max()!, samplingMargin: 100 * 1.96 * (0.25 / n).squareRoot())
        }
        return .init(
            fitPlayers: fitted.count, heldOutPlayers: tested.count, centiles: centiles,
            bands: AgeBand.all.compactMap { band($0.label, minimum: $0.minimum, end: $0.end) },
            overall: band("all ages", minimum: nil, end: nil)!)
    }
}
