import Testing

@testable import Statistics

@Suite("Kaplan–Meier")
struct KaplanMeierTests {
    /// Events at 1, 2, 3, 3 and 5; censored at 2, 4 and 6.
    static let observations: [KaplanMeier.Observation] = [
        (6, false), (2, true), (3, true), (1, true), (4, false), (2, false), (5, true), (3, true),
    ].map { KaplanMeier.Observation(time: $0.0, event: $0.1) }

    @Test("survival with censoring and ties, computed by hand")
    func handComputed() throws {
        // t = 1: 8 at risk, 1 event → 7/8 = 0.875
        // t = 2: 7 at risk (the player censored at 2 still counts: events come first), 1 event → 0.75
        //        (censoring first would give 0.875 · 5/6 = 0.729)
        // t = 3: 5 at risk, 2 events → 0.75 · 3/5 = 0.45
        // t = 4: censored → 0.45;  t = 5: 2 at risk, 1 event → 0.225;  t = 6: censored → 0.225
        // statsmodels' SurvfuncRight agrees: surv_prob [0.875 0.75 0.45 0.225], n_risk [8 7 5 2].
        let estimate = KaplanMeier(Self.observations)
        #expect(estimate.steps.map(\.time) == [1, 2, 3, 4, 5, 6])
        #expect(estimate.steps.map(\.atRisk) == [8, 7, 5, 3, 2, 1])
        #expect(estimate.steps.map(\.events) == [1, 1, 2, 0, 1, 0])
        #expect(estimate.steps.map(\.censored) == [0, 1, 0, 1, 0, 1])
        let expected = [0.875, 0.75, 0.45, 0.45, 0.225, 0.225]
        for (step, value) in zip(estimate.steps, expected) {
            #expect(abs(step.survival - value) < 1e-15)
        }
        #expect(estimate.survival(at: 0) == 1)
        #expect(estimate.survival(at: 0.999) == 1)
        #expect(abs(try #require(estimate.survival(at: 2)) - 0.75) < 1e-15)
        #expect(abs(try #require(estimate.survival(at: 2.5)) - 0.75) < 1e-15)
        #expect(abs(try #require(estimate.survival(at: 6)) - 0.225) < 1e-15)
        // Past the last (censored) time nothing is known.
        #expect(estimate.survival(at: 6.5) == nil)
        #expect(estimate.atRisk(at: 0) == 8)
        #expect(estimate.atRisk(at: 2) == 7)
        #expect(estimate.atRisk(at: 2.5) == 5)
        #expect(estimate.atRisk(at: 7) == 0)
    }

    @Test("everyone had the event: the curve stays at zero afterwards; no data: unknown")
    func edges() {
        let all = KaplanMeier([1, 2].map { KaplanMeier.Observation(time: $0, event: true) })
        #expect(all.survival(at: 2) == 0)
        #expect(all.survival(at: 30) == 0)
        let none = KaplanMeier([])
        #expect(none.survival(at: 0) == nil)
        #expect(none.atRisk(at: 0) == 0)
        let ignored = KaplanMeier([KaplanMeier.Observation(time: .nan, event: true)])
        #expect(ignored.steps.isEmpty)
    }
}
