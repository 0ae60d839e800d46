/// Checks that the parts of a decoded model agree with each other, so a hand-edited file
/// fails at load time with a reason instead of misbehaving at analysis time.
enum ModelConsistency {
    static func check(_ model: SegmentModel, file: String) throws {
        func fail(_ problem: String) -> ModelFileError { ModelFileError(file: file, problem: problem) }
        let k = model.mixture.components, d = model.mixture.dimensions
        guard model.features.first == .score, Set(model.features).count == model.features.count else {
            throw fail("\"features\" must start with score and not repeat a feature")
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
        let scoreMeans = model.mixture.means.map { $0[0] }
        guard scoreMeans == scoreMeans.sorted() else {
            throw fail("mixture components must be ordered by mean score")
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
}
