/// The sentences that explain a target in one language, from the catalog's `"texts"` (the same
/// language files as the messages, so an operator edits them the same way), with the numbers
/// formatted for the language. Like the messages, they never compare a player downwards.
struct ReasonWording: Sendable {
    let language: Language
    let style: NumberStyle
    let catalog: MessageCatalog

    init(_ language: Language, catalog: MessageCatalog) {
        self.language = language
        style = NumberStyle(language: language)
        self.catalog = catalog
    }

    private func text(_ key: TextKey, _ values: [String: String] = [:]) -> String {
        catalog.text(key, language: language, values)
    }

    /// `the 75th percentile of the 231 players in DualFlow · Expert difficulty · 10 min`.
    func cohort(percentile: Double, population: Int, segment: String) -> String {
        text(
            .reasonCohort,
            ["percentile": style.percentileOrdinal(percentile), "players": style.format(integer: population), "segment": segment])
    }

    /// The text of a cohort reason read at an age, in two parts around the age in whole years:
    /// `the 75th percentile of players aged about ` · `24` · ` in DualFlow · Expert difficulty · 10 min`.
    func cohortAged(percentile: Double, segment: String) -> (before: String, after: String) {
        aroundAge(.reasonCohortAged, ["percentile": style.percentileOrdinal(percentile), "segment": segment])
    }

    /// A reason over every player, saying they are of every age because no age was given:
    /// `…, of every age (no age given)`.
    func everyAge(_ base: String) -> String {
        text(.reasonEveryAge, ["reason": base])
    }

    /// ` (read at age 80, the oldest in this segment's data; your age is 88)`.
    func clamped(_ context: AgeContext, to end: AgeContext.Clamp) -> String {
        text(
            end == .aboveOldest ? .reasonReadAtOldest : .reasonReadAtYoungest,
            ["read_at": String(context.readAt), "age": String(context.age)])
    }

    /// `2% above your score: you are above every percentile of players aged about ` · `24` · ` in …`.
    func personalStepAged(percent: Int, segment: String) -> (before: String, after: String) {
        aroundAge(.reasonPersonalStepAged, ["percent": String(percent), "segment": segment])
    }

    /// `2% above your score: you are above every percentile of the 231 players in …`.
    func personalStep(percent: Int, population: Int, segment: String) -> String {
        text(.reasonPersonalStep, ["percent": String(percent), "players": style.format(integer: population), "segment": segment])
    }

    /// `your 60th percentile over your last 9 games`.
    func personal(percentile: Double, games: Int) -> String {
        text(.reasonPersonal, ["percentile": style.percentileOrdinal(percentile), "last_games": lastGames(games)])
    }

    /// `; a personal target needs 3 of your games in 28 days, you have 2 so far`.
    func fallback(minimum: Int, days: Int, have: Int) -> String {
        text(.reasonFallback, ["minimum": String(minimum), "days": String(days), "have": String(have)])
    }

    /// `, within reach: the 90th percentile of your last 9 games is 175,000`.
    func withinReach(percentile: Double, games: Int, reach: Double) -> String {
        text(
            .reasonWithinReach,
            [
                "percentile": style.percentileOrdinal(percentile), "last_games": lastGames(games), "score": style.formatScore(reach),
            ])
    }

    /// ` (the cohort target of 171,000 is beyond your best recent games, 150,000)`.
    func beyondReach(cohortTarget: Double, reach: Double) -> String {
        text(.reasonBeyondReach, ["target": style.formatScore(cohortTarget), "best": style.formatScore(reach)])
    }

    /// `; today's 150,000 is above it, so the target is to hold that level`.
    func levelReached(score: Double) -> String {
        text(.reasonLevelReached, ["score": style.formatScore(score)])
    }

    /// `9 games` after "your last" (English), with its article and case in German and French.
    private func lastGames(_ count: Int) -> String {
        count == 1 ? text(.lastGame) : text(.lastGames, ["count": String(count)])
    }

    /// The sentence `key` cut around its `{age}`, so that an analysis only joins the parts with
    /// the player's age.
    private func aroundAge(_ key: TextKey, _ values: [String: String]) -> (before: String, after: String) {
        let marker = "\u{0}"
        let parts = text(key, values.merging(["age": marker]) { $1 }).components(separatedBy: marker)
        return (parts[0], parts.dropFirst().joined(separator: marker))
    }
}
