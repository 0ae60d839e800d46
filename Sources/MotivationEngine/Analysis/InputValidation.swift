/// Checks an analysis input, naming the field and the problem.
enum InputValidation {
    /// `3` rather than `3.0`, `2.5` as is.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    static func check(_ input: AnalysisInput, cleaning: CleaningRules) throws {
        func fail(_ name: String, _ problem: String) -> AnalysisError { .invalidField(name: name, problem: problem) }
        guard input.score.isFinite, input.score >= 0 else {
            throw fail("score", "must be a finite number ≥ 0, got \(plain(input.score))")
        }
        guard input.score <= AnalysisLimits.maximumScore else {
            throw fail("score", "\(plain(input.score)) is beyond any plausible score (\(plain(AnalysisLimits.maximumScore)))")
        }
        if let age = input.age, !(age.isFinite && age >= cleaning.minimumAge && age <= cleaning.maximumAge) {
            throw fail("age", "must be between \(plain(cleaning.minimumAge)) and \(plain(cleaning.maximumAge)) years, got \(plain(age))")
        }
        if let speed = input.startSpeed, !(speed.isFinite && speed > 0 && speed <= AnalysisLimits.maximumStartSpeed) {
            throw fail("startSpeed", "must be above 0 and at most \(plain(AnalysisLimits.maximumStartSpeed)), got \(plain(speed))")
        }
        if let duration = input.durationMinutes, !(duration.isFinite && duration > 0) {
            throw fail("duration_minutes", "must be a positive number of minutes, got \(plain(duration))")
        }
        if let userId = input.userId, let problem = userIdProblem(userId) {
            throw fail("user_id", problem)
        }
        if let scores = input.recentScores {
            guard scores.count <= maximumRecentScores else {
                throw fail("recent_scores", "at most \(maximumRecentScores) scores, got \(scores.count)")
            }
            if let index = scores.firstIndex(where: { !($0.isFinite && $0 >= 0 && $0 <= AnalysisLimits.maximumScore) }) {
                throw fail(
                    "recent_scores[\(index)]",
                    "must be a finite number between 0 and \(plain(AnalysisLimits.maximumScore)), got \(plain(scores[index]))")
            }
        }
    }

    /// What is wrong with a player's id, if anything: it is logged with every exposure and
    /// picks the experiment arm, so it must name somebody.
    static func userIdProblem(_ id: String) -> String? {
        let scalars = id.unicodeScalars
        if scalars.allSatisfy(\.properties.isWhitespace) {
            return id.isEmpty ? "must not be empty" : "must not be only spaces"
        }
        if scalars.count > AnalysisLimits.maximumUserIdLength {
            return "must be at most \(AnalysisLimits.maximumUserIdLength) characters, got \(scalars.count)"
        }
        if scalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "must not hold control characters (a tab, a line break, a NUL)"
        }
        return nil
    }

    /// More earlier scores than any personal window uses.
    static let maximumRecentScores = 1000

    /// `input` without an age or start speed that `check` would refuse (for values recorded in
    /// the player database, such as an age from a date of birth in the future).
    static func droppingImplausible(_ input: AnalysisInput, cleaning: CleaningRules) -> AnalysisInput {
        var input = input
        if let age = input.age, !(age.isFinite && age >= cleaning.minimumAge && age <= cleaning.maximumAge) {
            input.age = nil
        }
        if let speed = input.startSpeed, !(speed.isFinite && speed > 0 && speed <= AnalysisLimits.maximumStartSpeed) {
            input.startSpeed = nil
        }
        return input
    }
}
