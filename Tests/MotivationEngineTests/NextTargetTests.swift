import Foundation
import TestSupport
import Testing

@testable import MotivationEngine

/// The next-target rule of format 1 models (the ranges' ends, no rungs) at every boundary, on a
/// table where the p-th percentile is 1000·p.
@Suite("Targets: the next-target rule without rungs (format 1)")
struct NextTargetTests {
    static let table = PercentileTable((0...100).map { Double($0) * 1000 })
    static let standard = TargetLadder.standard(clusters: 4)
    static let ladder = TargetLadder(
        ranges: standard.ranges, stretchPercentile: standard.stretchPercentile, personalStep: standard.personalStep,
        approachingFraction: standard.approachingFraction)

    /// The parts of a `NextTarget`, comparable to a literal.
    struct Expected: Equatable {
        let score: Double
        let percentile: Double?
        let status: TargetStatus
        let higherCluster: Int?
    }

    static func next(_ score: Double, cluster: Int) -> Expected {
        let scale = PercentileScale(table: table)
        let next = NextTarget(
            score: score, current: scale.percentile(of: score), cluster: cluster, ladder: ladder,
            steps: ladder.steps(forCluster: cluster), scale: scale)
        return Expected(score: next.score, percentile: next.percentile, status: next.status, higherCluster: next.higherCluster)
    }

    @Test("the standard ladder is 25→50, 50→75, 75→90, 90→95 with a 99th stretch, 2% step, 10% approach")
    func standardLadder() {
        #expect(Self.ladder.ranges.map { [$0.lower, $0.upper] } == [[25, 50], [50, 75], [75, 90], [90, 95]])
        #expect(Self.ladder.stretchPercentile == 99)
        #expect(Self.ladder.personalStep == 0.02)
        #expect(Self.ladder.approachingFraction == 0.1)
        #expect(Self.standard.rung == 5)
        #expect(Self.ladder.rung == nil)
    }

    @Test("far below the range: the range's first target, below_range")
    func belowRange() {
        let next = Self.next(10_000, cluster: 2)
        #expect(next == Expected(score: 75_000, percentile: 75, status: .belowRange, higherCluster: nil))
        #expect(Self.next(0, cluster: 0).status == .belowRange)
        #expect(Self.next(0, cluster: 0).score == 25_000)
        // Just outside 10%: 75000 − 67499 = 7501 > 7500.
        #expect(Self.next(67_499, cluster: 2).status == .belowRange)
    }

    @Test("within 10% of the first target: approaching (10% itself included)")
    func approaching() {
        #expect(Self.next(67_500, cluster: 2) == Expected(score: 75_000, percentile: 75, status: .approaching, higherCluster: nil))
        #expect(Self.next(74_999.5, cluster: 2).status == .approaching)
        #expect(Self.next(22_500, cluster: 0).status == .approaching)
    }

    @Test("exactly at the lower target: the next is the upper, in_range")
    func atLower() {
        #expect(Self.next(75_000, cluster: 2) == Expected(score: 90_000, percentile: 90, status: .inRange, higherCluster: nil))
        #expect(Self.next(89_999, cluster: 2).status == .inRange)
        #expect(Self.next(25_000, cluster: 0).score == 50_000)
    }

    @Test("exactly at the upper target: the next cluster's range, top_of_range")
    func atUpper() {
        // Cluster 3's lower target (90th) is the score itself, so its upper (95th) is next.
        #expect(Self.next(90_000, cluster: 2) == Expected(score: 95_000, percentile: 95, status: .topOfRange, higherCluster: 3))
        #expect(Self.next(50_000, cluster: 0) == Expected(score: 75_000, percentile: 75, status: .topOfRange, higherCluster: 1))
        // Past the range, inside the next one.
        #expect(Self.next(80_000, cluster: 1) == Expected(score: 90_000, percentile: 90, status: .topOfRange, higherCluster: 2))
    }

    @Test("top cluster past its range: the 99th percentile stretch")
    func stretch() {
        let next = Self.next(95_000, cluster: 3)
        #expect(next == Expected(score: 99_000, percentile: 99, status: .topOfRange, higherCluster: nil))
        #expect(Self.next(98_999, cluster: 3).score == 99_000)
    }

    @Test("above every percentile: a personal step, no percentile")
    func personalLevel() {
        let next = Self.next(100_500, cluster: 3)
        #expect(next.status == .newPersonalLevel)
        #expect(next.percentile == nil)
        #expect(next.score == 102_510)  // 100500 · 1.02
        #expect(Self.next(99_000, cluster: 3).status == .newPersonalLevel)
        #expect(Self.next(99_000, cluster: 3).score > 99_000)
    }

    @Test("the target is always above the score, for every cluster")
    func alwaysAbove() {
        var scores = stride(from: 0.0, through: 120_000, by: 137.5).map { $0 }
        for p in 0...100 {
            let s = Double(p) * 1000
            scores += [s, s - 0.001, s + 0.001, s.nextUp, s.nextDown]
        }
        for cluster in 0..<4 {
            for score in scores where score >= 0 {
                let next = Self.next(score, cluster: cluster)
                #expect(next.score > score, "cluster \(cluster), score \(score)")
            }
        }
    }

    @Test("through the engine on a trained model: the shown target is above the score, at every boundary")
    func alwaysAboveTrained() {
        let engine = Fixtures.engine
        var scores = stride(from: 0.0, through: 200_000, by: 97.3).map { $0 }
        for s in engine.model.percentiles.scores {
            scores += [s, s.rounded(.up), s.rounded(.down), s + 0.5, s - 0.5, s.nextUp, s.nextDown]
        }
        for cluster in 0..<4 {
            for score in scores where score >= 0 {
                let message = engine.motivationalMessage(score: score, cluster: cluster)
                #expect(message.nextTarget > score, "cluster \(cluster), score \(score)")
                #expect(message.pointsToNextTarget > 0, "cluster \(cluster), score \(score)")
                #expect(message.nextTarget == message.nextTarget.rounded())
            }
        }
    }
}
