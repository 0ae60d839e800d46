import GaussianMixture
import Testing

/// Expected values computed with scikit-learn 1.9.1:
/// `sklearn.metrics.adjusted_rand_score(a, b)` for each pair below, printed with `repr`.
/// The random case is `rs = np.random.RandomState(42); a = rs.randint(0, 4, 30);
/// b = np.where(rs.rand(30) < 0.7, a, rs.randint(0, 5, 30))`.
struct AdjustedRandIndexTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let a: [Int]
        let b: [Int]
        let expected: Double
        var testDescription: String { "\(a) vs \(b)" }
    }

    static let cases: [Case] = [
        Case(a: [0, 0, 1, 1], b: [1, 1, 0, 0], expected: 1.0),
        Case(a: [0, 0, 1, 2], b: [0, 0, 1, 1], expected: 0.5714285714285714),
        Case(a: [0, 0, 1, 1], b: [0, 1, 0, 1], expected: -0.5),
        Case(a: [0, 0, 0, 0], b: [0, 1, 2, 3], expected: 0.0),
        Case(a: [0, 0, 0, 1, 1, 1, 2, 2, 2], b: [0, 0, 1, 1, 1, 2, 2, 2, 2], expected: 0.35714285714285715),
        Case(a: [3, 3, -1, -1, 7, 7, 7, 0, 0, 0], b: [1, 1, 1, 2, 2, 2, 0, 0, 3, 3], expected: 0.23986486486486486),
        Case(a: [0, 1, 0, 1, 0, 1], b: [0, 0, 0, 1, 1, 1], expected: -0.1111111111111111),
        Case(
            a: [2, 3, 0, 2, 2, 3, 0, 0, 2, 1, 2, 2, 2, 2, 3, 0, 3, 3, 3, 2, 1, 0, 1, 3, 3, 1, 1, 1, 3, 3],
            b: [2, 3, 0, 2, 2, 3, 0, 0, 2, 1, 3, 2, 2, 2, 3, 0, 3, 3, 0, 3, 3, 0, 1, 3, 3, 1, 1, 1, 0, 3],
            expected: 0.5586028497520401),
        // scikit-learn's special cases: no disagreeing pair gives exactly 1.0.
        Case(a: [0, 0, 0, 0], b: [0, 0, 0, 0], expected: 1.0),
        Case(a: [0, 1, 2, 3], b: [0, 1, 2, 3], expected: 1.0),
        Case(a: [5], b: [7], expected: 1.0),
        Case(a: [], b: [], expected: 1.0),
    ]

    @Test(arguments: cases)
    func matchesScikitLearn(_ c: Case) {
        let value = adjustedRandIndex(c.a, c.b)
        #expect(abs(value - c.expected) <= 1e-15 * max(1, abs(c.expected)), "got \(value), expected \(c.expected)")
    }

    @Test(arguments: cases)
    func isSymmetric(_ c: Case) {
        #expect(abs(adjustedRandIndex(c.a, c.b) - adjustedRandIndex(c.b, c.a)) <= 1e-15)
    }

    @Test func ignoresLabelNames() {
        let a = [0, 0, 1, 1, 2, 2, 2]
        let renamed = a.map { [0: 40, 1: -3, 2: 9][$0]! }
        #expect(adjustedRandIndex(a, renamed) == 1.0)
        #expect(
            abs(adjustedRandIndex([0, 0, 1, 1, 2, 2], [0, 0, 1, 2, 2, 2]) - adjustedRandIndex([0, 0, 1, 1, 2, 2], [7, 7, 1, 5, 5, 5]))
                <= 1e-15)
    }
}
