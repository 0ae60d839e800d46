import Testing

@testable import Statistics

@Suite("Normal and Student-t quantiles")
struct DistributionTests {
    @Test("normal quantiles match scipy.stats.norm.ppf")
    func normal() {
        // python3 -c "from scipy import stats; print(repr(stats.norm.ppf(p)))" for each p
        let reference: [(Double, Double)] = [
            (0.975, 1.959963984540054), (0.5, 0), (0.9, 1.2815515655446004), (0.8, 0.8416212335729143),
            (0.3, -0.5244005127080409), (0.025, -1.9599639845400545), (1e-10, -6.361340902404056),
            (0.999999, 4.753424308817087), (0.9999999999, 6.361340889697422),
        ]
        for (p, expected) in reference {
            #expect(abs(NormalDistribution.quantile(p) - expected) <= 1e-12 * max(1, abs(expected)), "p = \(p)")
        }
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1) == .infinity)
        #expect(abs(NormalDistribution.criticalValue(confidence: 0.95) - 1.959963984540054) < 1e-13)
    }

    @Test("t quantiles match scipy.stats.t.ppf, whole and fractional degrees of freedom")
    func studentT() {
        // python3 -c "from scipy import stats; print(repr(stats.t.ppf(p, df)))"
        // for p in 0.975, 0.995, 0.9, 0.9995, 0.6, 0.0001
        let probabilities = [0.975, 0.995, 0.9, 0.9995, 0.6, 0.0001]
        let reference: [(Double, [Double])] = [
            (1, [12.706204736174694, 63.656741162871526, 3.0776835371752544, 636.6192487687897, 0.32491969623290634, -3183.0987571181513]),
            (2, [4.302652729749462, 9.924843200918287, 1.8856180831641272, 31.599054576445365, 0.2886751345948128, -70.70007107496428]),
            (3, [3.1824463052837078, 5.840909309733355, 1.637744353696209, 12.923978636687961, 0.2766706623326898, -22.203742273204178]),
            (5, [2.5705818356363146, 4.032142983555228, 1.4758840488244815, 6.868826625881276, 0.2671808657041451, -9.677566300882592]),
            (10, [2.228138851986274, 3.16927267261695, 1.372183641110336, 4.586893858702708, 0.2601848294920803, -5.693820101457513]),
            (30, [2.0422724563012378, 2.7499956535672254, 1.3104150253913955, 3.6459586350420627, 0.2556053649519128, -4.233985957272021]),
            (
                100,
                [1.9839715185235518, 2.6258905214380173, 1.290074761346516, 3.390491311164263, 0.25402218245822766, -3.8615997909500597]
            ),
            (
                1000,
                [1.9623390808264083, 2.580754698065951, 1.2823987214609247, 3.300282648423944, 0.25341451583949876, -3.7328516045753686]
            ),
            (
                1e5,
                [1.9599877075346095, 2.575878469908375, 1.2815600314493614, 3.2906240314119137, 0.25334777715718015, -3.719154382641344]
            ),
            (2.5, [3.5746548420036817, 7.163728138948783, 1.7302509288071766, 18.277893528131457, 0.2814595127485477, -34.86796932111477]),
            (7.3, [2.345066736547703, 3.451031655622185, 1.4089223177480423, 5.283211758939497, 0.2627568052507191, -6.850381320312296]),
        ]
        for (nu, quantiles) in reference {
            for (p, expected) in zip(probabilities, quantiles) {
                let t = StudentTDistribution.quantile(p, degreesOfFreedom: nu)
                #expect(abs(t - expected) <= 1e-9 * abs(expected), "ν = \(nu), p = \(p): \(t)")
            }
        }
        #expect(StudentTDistribution.quantile(0.5, degreesOfFreedom: 4) == 0)
        #expect(abs(StudentTDistribution.criticalValue(confidence: 0.95, degreesOfFreedom: 10) - 2.228138851986274) < 1e-9)
        // Past 10⁷ degrees of freedom and at infinity: the normal quantile's expansion.
        #expect(abs(StudentTDistribution.quantile(0.975, degreesOfFreedom: 1e8) - 1.959963984540054) < 1e-7)
        #expect(StudentTDistribution.quantile(0.975, degreesOfFreedom: .infinity) == NormalDistribution.quantile(0.975))
    }

    @Test("the regularized incomplete beta function matches scipy.special.betainc")
    func incompleteBeta() {
        // python3 -c "from scipy.special import betainc; print(repr(betainc(a, b, x)))"
        let reference: [(a: Double, b: Double, x: Double, value: Double)] = [
            (2, 3, 0.4, 0.5247999999999999), (0.5, 0.5, 0.3, 0.36901011956554536),
            (50, 0.5, 0.99, 0.3173043978741973), (5e4, 0.5, 0.99995, 0.025345854168846868),
            (10, 10, 0.5, 0.5), (3.5, 0.5, 0.2, 0.0011337831033596448), (1, 1, 0.37, 0.37),
        ]
        for row in reference {
            let value = IncompleteBeta.regularized(a: row.a, b: row.b, x: row.x, y: 1 - row.x)
            #expect(abs(value - row.value) <= 1e-10 * row.value, "I_\(row.x)(\(row.a), \(row.b)) = \(value)")
        }
        #expect(IncompleteBeta.regularized(a: 2, b: 3, x: 0, y: 1) == 0)
        #expect(IncompleteBeta.regularized(a: 2, b: 3, x: 1, y: 0) == 1)
    }
}
