/// Checks an analysis input, naming the field and the problem.
enum InputValidation {
    static func check(_ input: AnalysisInput, cleaning: CleaningRules) throws {
        func fail(_ name: String, _ problem: String) -> AnalysisError { .invalidField(name: name, problem: problem) }
        guard input.score.isFinite, input.score >= 0 else {
            throw fail("score", "must be a finite number ≥ 0, got \(input.score)")
        }
        guard input.score <= AnalysisLimits.maximumScore else {
            throw fail("score", "\(input.score) is beyond any plausible score (\(AnalysisLimits.maximumScore))")
        }
        if let age = input.age, !(age.isFinite && age >= cleaning.minimumAge && age <= cleaning.maximumAge) {
            throw fail("age", "must be between \(cleaning.minimumAge) and \(cleaning.maximumAge) years, got \(age)")
        }
        if let speed = input.startSpeed, !(speed.isFinite && speed > 0 && speed <= AnalysisLimits.maximumStartSpeed) {
            throw fail("startSpeed", "must be above 0 and at most \(AnalysisLimits.maximumStartSpeed), got \(speed)")
        }
        if let duration = input.durationMinutes, !(duration.isFinite && duration > 0) {
            throw fail("duration_minutes", "must be a positive number of minutes, got \(duration)")
        }
    }
}
