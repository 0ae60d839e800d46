/// The Kaplan–Meier estimate of a survival function S(t) = P(T > t) from right-censored
/// times: S(t) = ∏_{tᵢ ≤ t} (1 − dᵢ/nᵢ), over the distinct times tᵢ with dᵢ events and nᵢ
/// observations still at risk (time ≥ tᵢ).
///
/// Ties follow the usual convention: an observation censored at the same time as events
/// counts as at risk for them (events come before censoring).
public struct KaplanMeier: Sendable {
    /// One observed time: an event (e.g. the player's next workout) or the time up to which
    /// the observation was followed without one (censored).
    public struct Observation: Sendable, Equatable {
        /// When the event happened, or when observation ended.
        public var time: Double
        /// Whether the event happened (false: censored at `time`).
        public var event: Bool

        /// An observation ending at `time`, with or without the event.
        public init(time: Double, event: Bool) {
            self.time = time
            self.event = event
        }
    }

    /// The estimate at one distinct observed time.
    public struct Step: Sendable, Equatable {
        /// The time of the step.
        public var time: Double
        /// Observations with a time ≥ `time`.
        public var atRisk: Int
        /// Events at this time.
        public var events: Int
        /// Observations censored at this time.
        public var censored: Int
        /// S just after `time`.
        public var survival: Double
    }

    /// One step per distinct observed time, ascending.
    public let steps: [Step]

    /// The estimate from `observations` in any order; those whose time is not a number are
    /// ignored.
    public init(_ observations: [Observation]) {
        var sorted = observations.filter { !$0.time.isNaN }
        sorted.sort { $0.time < $1.time }
        var steps: [Step] = []
        var survival = 1.0
        var remaining = sorted.count
        var index = 0
        while index < sorted.count {
            let time = sorted[index].time
            var events = 0
            var censored = 0
            while index < sorted.count && sorted[index].time == time {
                if sorted[index].event { events += 1 } else { censored += 1 }
                index += 1
            }
            if events > 0 { survival *= 1 - Double(events) / Double(remaining) }
            steps.append(Step(time: time, atRisk: remaining, events: events, censored: censored, survival: survival))
            remaining -= events + censored
        }
        self.steps = steps
    }

    /// S(t), events at t included; 1 before the first event. nil past the last observed time
    /// unless S already reached 0 there (what happens later is unknown), and without observations.
    public func survival(at time: Double) -> Double? {
        guard let last = steps.last else { return nil }
        if time > last.time { return last.survival == 0 ? 0 : nil }
        let index = firstStep(after: time)
        return index == 0 ? 1 : steps[index - 1].survival
    }

    /// Observations with a time ≥ `time`.
    public func atRisk(at time: Double) -> Int {
        let index = firstStep(atOrAfter: time)
        return index < steps.count ? steps[index].atRisk : 0
    }

    /// The index of the first step with a time > `time` (binary search).
    private func firstStep(after time: Double) -> Int {
        partition { $0 > time }
    }

    /// The index of the first step with a time ≥ `time` (binary search).
    private func firstStep(atOrAfter time: Double) -> Int {
        partition { $0 >= time }
    }

    /// The first index whose step time satisfies `predicate`, which is false then true along
    /// the ascending times.
    private func partition(_ predicate: (Double) -> Bool) -> Int {
        var low = 0
        var high = steps.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(steps[middle].time) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
