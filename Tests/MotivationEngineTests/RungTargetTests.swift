import Foundation
import Testing

@testable import MotivationEngine

/// The next-target rule of format 2 models: rungs every 5th percentile, at least one percentile
/// above the player, on a table where the p-th percentile is 1000·p and on an age curve.
@Suite("Targets: the rung rule")
struct RungTargetTests {
    static let table = PercentileTable((0...100).map { Double($0) * 1000 })
    static let ladder = TargetLadder.standard(clusters: 4)

    static func next(_ score: Double, cluster: Int, scale: PercentileScale = PercentileScale(table: table)) -> NextTargetTests.Expected {
        let next = NextTarget(
            score: score, current: scale.percentile(of: score), cluster: cluster, ladder: ladder,
            steps: ladder.steps(forCluster: cluster), scale: scale)
        return .init(score: next.score, percentile: next.percentile, status: next.status, higherCluster: next.higherCluster)
    }

    @Test("the steps are every 5th percentile below the stretch, the ranges' ends and the stretch")
    func steps() {
        #expect(Self.ladder.steps(forCluster: 3) == stride(from: 5.0, through: 95, by: 5).map { $0 } + [99])
        #expect(Self.ladder.steps(forCluster: 0).count == 20)
    }

    @Test("inside the range: the next rung, not the range's far end")
    func insideRange() {
        #expect(Self.next(30_000, cluster: 0) == .init(score: 35_000, percentile: 35, status: .inRange, higherCluster: nil))
        #expect(Self.next(76_000, cluster: 2) == .init(score: 80_000, percentile: 80, status: .inRange, higherCluster: nil))
        #expect(Self.next(87_000, cluster: 2) == .init(score: 90_000, percentile: 90, status: .inRange, higherCluster: nil))
    }

    @Test("a rung less than one percentile away is skipped for the next")
    func minimumStep() {
        #expect(Self.next(34_500, cluster: 0).percentile == 40)
        #expect(Self.next(33_999, cluster: 0).percentile == 35)
    }

    @Test("below the range: rungs towards it, below_range or approaching by the 10% rule")
    func belowRange() {
        #expect(Self.next(10_000, cluster: 2) == .init(score: 15_000, percentile: 15, status: .belowRange, higherCluster: nil))
        #expect(Self.next(72_000, cluster: 2) == .init(score: 75_000, percentile: 75, status: .approaching, higherCluster: nil))
        #expect(Self.next(0, cluster: 0).score == 5_000)
    }

    @Test("above the range: the next rung in the range that holds it, top_of_range")
    func aboveRange() {
        #expect(Self.next(60_000, cluster: 0) == .init(score: 65_000, percentile: 65, status: .topOfRange, higherCluster: 1))
        #expect(Self.next(93_000, cluster: 1) == .init(score: 95_000, percentile: 95, status: .topOfRange, higherCluster: 3))
        #expect(Self.next(96_000, cluster: 3) == .init(score: 99_000, percentile: 99, status: .topOfRange, higherCluster: nil))
        #expect(Self.next(99_500, cluster: 3).status == .newPersonalLevel)
    }

    static let curve = AgeCurve(
        ages: [10, 30, 50, 70], power: 0.3, median: [60_000, 100_000, 90_000, 65_000], variation: [0.2, 0.15, 0.17, 0.2],
        players: 1_000)

    @Test("on an age curve: the target is the rung's score at the player's age, always above the score")
    func onTheCurve() {
        for age in stride(from: 5.0, through: 80, by: 2.5) {
            let reading = Self.curve.reading(atAge: age)
            let scale = PercentileScale(table: Self.table, reading: reading)
            for cluster in 0..<4 {
                for score in stride(from: 0.0, through: 250_000, by: 1_733) {
                    let next = Self.next(score, cluster: cluster, scale: scale)
                    #expect(next.score > score, "age \(age), cluster \(cluster), score \(score)")
                    if let percentile = next.percentile {
                        #expect(next.score == reading.score(atPercentile: percentile))
                        #expect(percentile >= reading.percentile(of: score) + TargetLadder.minimumStep)
                    }
                }
            }
        }
    }
}
