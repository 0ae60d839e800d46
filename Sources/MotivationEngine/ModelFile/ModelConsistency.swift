/// Checks that the parts of a decoded model agree with each other, so a hand-edited file
/// fails at load time with a reason instead of misbehaving at analysis time.
enum ModelConsistency {
    static func check(_ model: SegmentModel, file: String) throws {
        func fail(_ problem: String) -> ModelFileError { ModelFileError(file: file, problem: problem) }
        let k = model.mixture.components, d = model.mixture.dimensions
        let first: Feature = model.training.levels == .skill ? .ageGradedScore : .score
        guard model.features.first == first, Set(model.features).count == model.features.count else {
            throw fail(
                "\"features\" must start with \(first.rawValue) (levels: \(model.training.levels.rawValue)) and not repeat a feature")
        }
        if model.features.contains(.ageGradedScore), model.ageCurve == nil {
            throw fail("the feature age_graded_score needs an \"age_curve\"")
        }
        if let curve = model.ageCurve { try checkCurve(curve, fail: fail) }
        if let weights = model.scaler.weights, weights.count != model.features.count || !weights.allSatisfy({ $0 > 0 && $0.isFinite }) {
            throw fail("\"scaler.weights\" must hold one positive weight per feature")
        }
        guard model.features.count == d, model.scaler.mean.count == d, model.scaler.std.count == d else {
            throw fail("\(model.features.count) features, \(model.scaler.mean.count) scaler means and a \(d)-feature mixture do not match")
        }
        guard model.scaler.std.allSatisfy({ $0 > 0 && $0.isFinite }), model.scaler.mean.allSatisfy(\.isFinite) else {
            throw fail("the scaler's standard deviations must be positive and finite")
        }
        guard model.clusters.count == k, model.clusters.map(\.cluster) == Array(0..<k) else {
            throw fail("\"clusters\" must list clusters 0..<\(k) in order, one per mixture component")
        }
        let firstMeans = model.mixture.means.map { $0[0] }
        guard firstMeans == firstMeans.sorted() else {
            throw fail("mixture components must be ordered by the mean of their first feature (\(first.rawValue))")
        }
        let ranges = model.targetPolicy.ladder.ranges
        guard ranges.count == k, ranges.allSatisfy({ 0 <= $0.lower && $0.lower < $0.upper && $0.upper <= 100 }) else {
            throw fail("the target ladder must have one range per cluster with 0 ≤ lower < upper ≤ 100")
        }
        let scores = model.percentiles.scores
        guard scores.count == 101, scores.allSatisfy(\.isFinite), zip(scores, scores.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw fail("\"percentiles\" must hold 101 finite, non-decreasing scores (percentiles 0…100)")
        }
        guard !model.segment.gameMode.isEmpty, model.segment.durationMinutes > 0 else {
            throw fail("the segment needs a game mode and a positive duration")
        }
    }

    /// An age curve is usable: an evenly spaced, increasing grid of plausible ages, and at each
    /// a positive, finite median and coefficient of variation, and a finite power that keeps the
    /// transform defined out to the graded z's limit.
    private static func checkCurve(_ curve: AgeCurve, fail: (String) -> ModelFileError) throws {
        let n = curve.ages.count
        guard curve.method == "lms" else { throw fail("\"age_curve.method\" must be \"lms\", not \"\(curve.method)\"") }
        guard n >= 1, curve.median.count == n, curve.variation.count == n else {
            throw fail("\"age_curve\" needs at least one age and one m and one s per age")
        }
        let step = n > 1 ? (curve.ages[n - 1] - curve.ages[0]) / Double(n - 1) : 0
        let even = curve.ages.indices.allSatisfy {
            abs(curve.ages[$0] - (curve.ages[0] + step * Double($0))) <= 1e-6 * max(1, step) * Double(n)
        }
        guard curve.ages.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 150 }), n == 1 || step > 0, even else {
            throw fail("\"age_curve.ages\" must be evenly spaced, increasing ages between 0 and 150")
        }
        guard curve.median.allSatisfy({ $0 > 0 && $0.isFinite }), curve.variation.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw fail("\"age_curve\" m and s must be positive and finite")
        }
        guard curve.power.isFinite, curve.variation.allSatisfy({ abs(curve.power) * $0 * AgeCurve.zLimit < 1 }) else {
            throw fail("\"age_curve.l\" must be finite and keep 1 + l·s·z above 0 for |z| ≤ \(AgeCurve.zLimit)")
        }
    }
}
