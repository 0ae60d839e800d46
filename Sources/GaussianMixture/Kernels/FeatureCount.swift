/// The number of features as a type, so that kernels for common small dimensions are
/// specialised with a constant trip count (fully unrolled, values kept in registers)
/// while any other dimension still runs through the same code.
protocol FeatureCount: Sendable {
    /// The dimension to use, given the data's actual dimension.
    static func count(_ actual: Int) -> Int
}

/// Any dimension, read at run time.
enum AnyFeatureCount: FeatureCount {
    @inline(__always) static func count(_ actual: Int) -> Int { actual }
}

enum OneFeature: FeatureCount { @inline(__always) static func count(_: Int) -> Int { 1 } }
enum TwoFeatures: FeatureCount { @inline(__always) static func count(_: Int) -> Int { 2 } }
enum ThreeFeatures: FeatureCount { @inline(__always) static func count(_: Int) -> Int { 3 } }
enum FourFeatures: FeatureCount { @inline(__always) static func count(_: Int) -> Int { 4 } }
enum FiveFeatures: FeatureCount { @inline(__always) static func count(_: Int) -> Int { 5 } }
enum SixFeatures: FeatureCount { @inline(__always) static func count(_: Int) -> Int { 6 } }

/// Work that is generic over the feature count; `withFeatureCount` calls it with the
/// specialised type for a dimension (a visitor, so the call is resolved at compile time).
protocol FeatureCountGeneric {
    associatedtype Result
    func run<Features: FeatureCount>(_ features: Features.Type) -> Result
}

/// Runs `work` specialised for `dimensions` features (unrolled up to six, generic above).
@inline(__always)
func withFeatureCount<Work: FeatureCountGeneric>(_ dimensions: Int, _ work: Work) -> Work.Result {
    switch dimensions {
    case 1: return work.run(OneFeature.self)
    case 2: return work.run(TwoFeatures.self)
    case 3: return work.run(ThreeFeatures.self)
    case 4: return work.run(FourFeatures.self)
    case 5: return work.run(FiveFeatures.self)
    case 6: return work.run(SixFeatures.self)
    default: return work.run(AnyFeatureCount.self)
    }
}
