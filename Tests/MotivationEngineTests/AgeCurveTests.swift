import Foundation
import TestSupport
import Testing

@testable import MotivationEngine

/// The LMS age curve against data drawn from a known LMS model: the fit must recover the
/// truth's median, spread and power, and its centiles must hold their nominal shares on fresh
/// players of every age.
@Suite("Age curves")
struct AgeCurveTests {
    /// The truth: a median that peaks at 28 and falls off for children and seniors, a spread
    /// that widens away from 30, and a Box-Cox power of ½.
    static func trueMedian(_ age: Double) -> Double { 100_000 * exp(-((age - 28) / 45) * ((age - 28) / 45)) }
    static func trueVariation(_ age: Double) -> Double { 0.15 + 0.001 * abs(age - 30) }
    static let truePower = 0.5

    /// `count` players of ages uniform in 8…85 with scores from the true LMS model.
    static func players(_ count: Int, seed: UInt64) -> (ages: [Double], scores: [Double]) {
        var random = SplitMix64(seed: seed)
        var ages: [Double] = [], scores: [Double] = []
        for _ in 0..<count {
            let age = 8 + 77 * random.unit()
            // Box–Muller.
            let z = (-2 * log(1 - random.unit())).squareRoot() * cos(2 * .pi * random.unit())
            ages.append(age)
            scores.append(trueMedian(age) * pow(1 + truePower * trueVariation(age) * z, 1 / truePower))
        }
        return (ages, scores)
    }

    static let fitted: AgeCurve = {
        // Enough players that the curve's own sampling noise stays well inside the 3 points of
        // calibration the issue asks for (with 8,000 it reaches about 4 in some bands).
        let (ages, scores) = players(20_000, seed: 7)
        return AgeCurveFit().fit(ages: ages, scores: scores)!
    }()

    @Test("recovers the true power, median and spread")
    func recoversTheTruth() {
        let curve = Self.fitted
        #expect(abs(curve.power - Self.truePower) < 0.25, "L = \(curve.power)")
        #expect(curve.ageRange.lowerBound < 8.1 && curve.ageRange.upperBound > 84.9)
        for age in stride(from: 10.0, through: 83, by: 1) {
            let reading = curve.reading(atAge: age)
            #expect(abs(reading.median / Self.trueMedian(age) - 1) < 0.03, "M at \(age): \(reading.median) vs \(Self.trueMedian(age))")
            #expect(
                abs(reading.variation / Self.trueVariation(age) - 1) < 0.15,
                "S at \(age): \(reading.variation) vs \(Self.trueVariation(age))")
        }
    }

    @Test("on fresh players, the share below each centile is within 2.5 points of nominal in every age band", .timeLimit(.minutes(1)))
    func calibrated() {
        let (ages, scores) = Self.players(40_000, seed: 99)
        for band in stride(from: 8.0, to: 85, by: 11) {
            let members = ages.indices.filter { ages[$0] >= band && ages[$0] < band + 11 }
            #expect(members.count > 5_000)
            for centile in [10.0, 25, 50, 75, 90] {
                let below = members.filter { Self.fitted.reading(atAge: ages[$0]).percentile(of: scores[$0]) < centile }.count
                let share = 100 * Double(below) / Double(members.count)
                #expect(abs(share - centile) <= 2.5, "ages \(band)–\(band + 11): \(share) % below the \(centile)th centile")
            }
        }
    }

    @Test("centiles never cross, and a centile's score reads back as that centile")
    func monotoneAndInverse() {
        for age in stride(from: 0.0, through: 100, by: 0.5) {
            let reading = Self.fitted.reading(atAge: age)
            var previous = -Double.infinity
            for p in stride(from: 0.5, through: 99.5, by: 0.5) {
                let score = reading.score(atPercentile: p)
                #expect(score > previous, "age \(age), centile \(p)")
                #expect(abs(reading.percentile(of: score) - p) < 1e-6)
                previous = score
            }
        }
    }

    @Test("ages outside the curve are read at its nearest end, and say so")
    func clamped() {
        let curve = Self.fitted
        #expect(curve.reading(atAge: 3).age == curve.ageRange.lowerBound)
        #expect(curve.reading(atAge: 99).age == curve.ageRange.upperBound)
        #expect(curve.reading(atAge: 99).median == curve.median.last)
        #expect(curve.reading(atAge: 40).age == 40)
    }

    @Test("one age: a single grid point; too few positive scores: no curve")
    func degenerate() throws {
        let one = try #require(AgeCurveFit().fit(ages: Array(repeating: 30, count: 50), scores: (1...50).map { Double($0) * 1_000 }))
        #expect(one.ages == [30])
        #expect(one.reading(atAge: 70) == one.reading(atAge: 30))
        #expect(one.reading(atAge: 30).percentile(of: 10_000) < one.reading(atAge: 30).percentile(of: 40_000))
        #expect(AgeCurveFit().fit(ages: [20, 30, 40], scores: [1, 2, 3]) == nil)
        #expect(AgeCurveFit().fit(ages: Array(repeating: 30, count: 20), scores: Array(repeating: 0, count: 20)) == nil)
    }

    @Test("a score of 0 or less grades as the lowest z, and z is bounded")
    func bounds() {
        let reading = Self.fitted.reading(atAge: 30)
        #expect(reading.z(of: 0) == -AgeCurve.zLimit)
        #expect(reading.z(of: -5) == -AgeCurve.zLimit)
        #expect(reading.z(of: 1e12) == AgeCurve.zLimit)
    }
}
