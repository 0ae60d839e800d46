import Testing

@testable import Statistics

@Suite("Sample size")
struct SampleSizeTests {
    @Test("players per arm for a difference in proportions, against the formula in scipy")
    func perArm() {
        // python3: p2 = p1 + d if p1 <= 0.5 else p1 - d; pb = (p1 + p2) / 2
        //   n = (norm.isf((1 - conf) / 2) * sqrt(2 pb (1 - pb)) + norm.ppf(power) * sqrt(p1 (1 - p1) + p2 (1 - p2)))**2 / d**2
        // → 1533.28, 1564.67, 1376.30, 151.87, 734.05, 268.66; rounded up:
        let reference: [(baseline: Double, difference: Double, confidence: Double, power: Double, players: Int)] = [
            (0.4, 0.05, 0.95, 0.8, 1534), (0.5, 0.05, 0.95, 0.8, 1565), (0.7, 0.05, 0.95, 0.8, 1377),
            (0.0, 0.05, 0.95, 0.8, 152), (0.4, 0.1, 0.99, 0.9, 735), (0.98, 0.05, 0.95, 0.8, 269),
        ]
        for row in reference {
            #expect(
                SampleSize.perArm(
                    baseline: row.baseline, difference: row.difference, confidence: row.confidence, power: row.power)
                    == row.players, "\(row)")
        }
    }
}
