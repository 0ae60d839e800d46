import Testing

@testable import MotivationEngine

@Suite("Percentile table")
struct PercentileTableTests {
    static let oneToTen = PercentileTable((1...10).map(Double.init))

    @Test("percentiles as numpy's default linear interpolation")
    func numpy() {
        // python3 -c "import numpy as np; print(np.percentile(range(1, 11), [25, 50, 90, 37.5]))"
        // → [3.25 5.5 9.1 4.375]
        let table = Self.oneToTen
        #expect(table.scores.count == 101)
        #expect(abs(table.scores[25] - 3.25) < 1e-12)
        #expect(abs(table.scores[50] - 5.5) < 1e-12)
        #expect(abs(table.scores[90] - 9.1) < 1e-12)
        #expect(table.scores[0] == 1 && table.scores[100] == 10)
        #expect(abs(table.score(atPercentile: 37.5) - 4.375) < 1e-12)
        // python3 -c "import numpy as np; print(np.percentile([3,1,4,1,5,9,2,6], [10,25,50,75,95]))"
        // → [1. 1.75 3.5 5.25 7.95]
        let other = PercentileTable([3, 1, 4, 1, 5, 9, 2, 6])
        for (p, expected) in [(10, 1.0), (25, 1.75), (50, 3.5), (75, 5.25), (95, 7.95)] {
            #expect(abs(other.scores[p] - expected) < 1e-12, "p\(p)")
        }
    }

    @Test("percentile(of:) is interpolated, not bucketed, and clamps outside the range")
    func interpolated() {
        let table = Self.oneToTen
        #expect(abs(table.percentile(of: 5.5) - 50) < 1e-9)
        #expect(abs(table.percentile(of: 3.25) - 25) < 1e-9)
        // 4 is a third of the way from 1 to 10: the 33.33rd percentile, not 33.
        #expect(abs(table.percentile(of: 4) - 100.0 / 3) < 1e-9)
        #expect(table.percentile(of: 0.5) == 0)
        #expect(table.percentile(of: 10) == 100)
        #expect(table.percentile(of: 1e9) == 100)
        #expect(table.score(atPercentile: -5) == 1)
        #expect(table.score(atPercentile: 150) == 10)
    }

    @Test("percentile(of:) inverts score(atPercentile:)")
    func inverse() {
        let tables = [
            Self.oneToTen, PercentileTable([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]),
            PercentileTable((0..<37).map { Double($0 * $0) }),
        ]
        for table in tables {
            for step in 0...400 {
                let p = Double(step) / 4
                let score = table.score(atPercentile: p)
                let back = table.percentile(of: score)
                // On a run of equal scores the highest percentile of the run is returned; its score is the same.
                #expect(abs(table.score(atPercentile: back) - score) < 1e-9, "p \(p)")
                if table.scores.filter({ $0 == score }).count <= 1 {
                    #expect(abs(back - p) < 1e-9, "p \(p)")
                }
            }
        }
    }
}
