import Testing

@testable import Statistics

@Suite("Wilson and Newcombe intervals")
struct ProportionIntervalTests {
    @Test("Wilson score intervals match statsmodels' proportion_confint(method='wilson')")
    func wilson() throws {
        // python3 -c "from statsmodels.stats.proportion import proportion_confint;
        //   print(proportion_confint(count, nobs, alpha=alpha, method='wilson'))"
        let reference: [(successes: Int, trials: Int, confidence: Double, low: Double, high: Double)] = [
            (40, 100, 0.95, 0.30940128643245896, 0.49799741320893826),
            (0, 20, 0.95, 0.0, 0.1611251580528194),
            (20, 20, 0.95, 0.8388748419471804, 0.9999999999999999),
            (1, 1, 0.95, 0.2065493143772374, 1.0),
            (812, 2000, 0.95, 0.38467775459641207, 0.42768265029246344),
            (3, 10, 0.90, 0.12687658390319784, 0.558300204130165),
        ]
        for row in reference {
            let interval = try #require(
                Proportion(successes: row.successes, trials: row.trials).wilsonInterval(confidence: row.confidence))
            #expect(abs(interval.low - row.low) < 1e-12, "\(row.successes)/\(row.trials)")
            #expect(abs(interval.high - row.high) < 1e-12, "\(row.successes)/\(row.trials)")
        }
        #expect(Proportion().wilsonInterval(confidence: 0.95) == nil)
        #expect(Proportion().estimate == nil)
    }

    @Test("Newcombe's hybrid score intervals match statsmodels and Newcombe (1998), table II")
    func newcombe() throws {
        // python3 -c "from statsmodels.stats.proportion import confint_proportions_2indep;
        //   print(confint_proportions_2indep(c1, n1, c2, n2, method='newcomb', compare='diff'))"
        // The first rows are Newcombe's own examples (method 10: 0.0524–0.3339, 0.1705–0.8090, …).
        let reference: [(Int, Int, Int, Int, Double, Double)] = [
            (56, 70, 48, 80, 0.05243147240236498, 0.33387265403690614),
            (9, 10, 3, 10, 0.1705227239345029, 0.809017973535488),
            (6, 7, 2, 7, 0.05822792748231209, 0.8062496375242278),
            (5, 56, 0, 29, -0.038137147903536936, 0.19256001385511165),
            (0, 10, 0, 20, -0.1611251580528194, 0.27753279986288926),
            (0, 10, 0, 10, -0.27753279986288926, 0.27753279986288926),
            (10, 10, 0, 20, 0.6790860371419145, 1.0),
            (10, 10, 0, 10, 0.6075093504305241, 1.0),
            (900, 2000, 800, 2000, 0.019361772652923454, 0.08050580072321308),
        ]
        for (c1, n1, c2, n2, low, high) in reference {
            let difference = try #require(
                ProportionDifference(
                    Proportion(successes: c1, trials: n1), minus: Proportion(successes: c2, trials: n2), confidence: 0.95))
            #expect(abs(difference.estimate - (Double(c1) / Double(n1) - Double(c2) / Double(n2))) < 1e-15)
            #expect(abs(difference.interval.low - low) < 1e-12, "\(c1)/\(n1) − \(c2)/\(n2)")
            #expect(abs(difference.interval.high - high) < 1e-12, "\(c1)/\(n1) − \(c2)/\(n2)")
        }
        #expect(ProportionDifference(Proportion(), minus: Proportion(successes: 1, trials: 2), confidence: 0.95) == nil)
    }
}
