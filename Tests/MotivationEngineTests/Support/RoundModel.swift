import TestSupport

@testable import MotivationEngine

extension Fixtures {
    /// The model with its percentile table replaced by `scores[p] = 1000 · p` (values
    /// 0, 1000, …, 100000), so every percentile target is a round number.
    static let roundModel: SegmentModel = {
        var model = Fixtures.model
        model.percentiles = PercentileTable((0...100).map { Double($0) * 1000 })
        return model
    }()

    /// The engine of `roundModel`.
    static let roundEngine = SegmentEngine(model: roundModel)
}
