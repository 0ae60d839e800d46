import Testing

@testable import Statistics

@Suite("t and Welch intervals")
struct MeanIntervalTests {
    static let first: [Double] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
    static let second: [Double] = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5, 9]

    @Test("the t interval of a mean matches statsmodels' DescrStatsW.tconfint_mean")
    func tInterval() throws {
        // python3 -c "from statsmodels.stats.weightstats import DescrStatsW;
        //   print(DescrStatsW(np.array([3,1,4,1,5,9,2,6,5,3.])).tconfint_mean(alpha=0.05))"
        let moments = SampleMoments(Self.first)
        #expect(moments.mean == 3.9)
        let interval = try #require(moments.tInterval(confidence: 0.95))
        #expect(abs(interval.low - 2.1331987752405404) < 1e-10)
        #expect(abs(interval.high - 5.6668012247594595) < 1e-10)
        // Two values, 90 %: (-3.3137515146750367, 9.313751514675037).
        let pair = try #require(SampleMoments([2, 4]).tInterval(confidence: 0.90))
        #expect(abs(pair.low + 3.3137515146750367) < 1e-9)
        #expect(abs(pair.high - 9.313751514675037) < 1e-9)
    }

    @Test("degenerate samples: none, one value, no spread")
    func degenerate() {
        #expect(SampleMoments().mean == nil)
        #expect(SampleMoments().tInterval(confidence: 0.95) == nil)
        let single = SampleMoments([7])
        #expect(single.mean == 7 && single.variance == nil && single.tInterval(confidence: 0.95) == nil)
        #expect(SampleMoments([2, 2, 2]).tInterval(confidence: 0.95) == ConfidenceInterval(low: 2, high: 2))
    }

    @Test("Welch's interval and degrees of freedom match statsmodels (usevar='unequal')")
    func welch() throws {
        // python3 -c "from statsmodels.stats.weightstats import DescrStatsW, CompareMeans, ttest_ind;
        //   cm = CompareMeans(DescrStatsW(a), DescrStatsW(b)); print(cm.tconfint_diff(alpha=0.05, usevar='unequal'),
        //   ttest_ind(a, b, usevar='unequal')[2])"
        let difference = try #require(
            MeanDifference(
                SampleMoments(Self.first), minus: SampleMoments(Self.second), confidence: 0.95))
        #expect(abs(difference.estimate + 1.1) < 1e-12)
        let interval = try #require(difference.interval)
        #expect(abs(interval.low + 3.519796719072732) < 1e-9)
        #expect(abs(interval.high - 1.3197967190727318) < 1e-9)
        #expect(abs(try #require(difference.degreesOfFreedom) - 20.958269732093903) < 1e-9)

        // One side without spread: ν is the other side's n − 1 = 3.
        let lopsided = try #require(
            MeanDifference(
                SampleMoments([0, 0, 0, 1]), minus: SampleMoments([5, 5, 5, 5, 5, 5]), confidence: 0.95))
        #expect(abs(lopsided.estimate + 4.75) < 1e-12)
        #expect(abs(try #require(lopsided.interval).low + 5.545611576320927) < 1e-9)
        #expect(abs(try #require(lopsided.interval).high + 3.954388423679073) < 1e-9)
        #expect(abs(try #require(lopsided.degreesOfFreedom) - 3) < 1e-12)
    }

    @Test("Welch without data, with a single value, without spread")
    func welchDegenerate() throws {
        #expect(MeanDifference(SampleMoments(), minus: SampleMoments([1, 2]), confidence: 0.95) == nil)
        let single = try #require(MeanDifference(SampleMoments([3]), minus: SampleMoments([1, 2]), confidence: 0.95))
        #expect(single.estimate == 1.5 && single.interval == nil)
        let flat = try #require(MeanDifference(SampleMoments([3, 3]), minus: SampleMoments([1, 1, 1]), confidence: 0.95))
        #expect(flat.interval == ConfidenceInterval(low: 2, high: 2) && flat.degreesOfFreedom == nil)
    }
}
