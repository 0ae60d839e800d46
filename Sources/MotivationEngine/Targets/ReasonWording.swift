/// The sentences that explain a target, in each language (numbers already formatted for it).
/// Like the messages, they never compare a player downwards; unlike them, they are not
/// operator-editable templates, as each is a fixed explanation of how the engine computed.
struct ReasonWording: Sendable {
    let language: Language
    let style: NumberStyle

    init(_ language: Language) {
        self.language = language
        style = NumberStyle(language: language)
    }

    /// `the 75th percentile of the 231 players in DualFlow · Expert difficulty · 10 min`.
    func cohort(percentile: Double, population: Int, segment: String) -> String {
        let ordinal = style.percentileOrdinal(percentile), players = style.format(integer: population)
        return switch language {
        case .en: "the \(ordinal) percentile of the \(players) players in \(segment)"
        case .de: "das \(ordinal) Perzentil der \(players) Spielenden in \(segment)"
        case .fr: "le \(ordinal) centile des \(players) joueurs en \(segment)"
        }
    }

    /// The text of a cohort reason read at an age, in two parts around the age in whole years:
    /// `the 75th percentile of players aged about ` · `24` · ` in DualFlow · Expert difficulty · 10 min`.
    func cohortAged(percentile: Double, segment: String) -> (before: String, after: String) {
        let ordinal = style.percentileOrdinal(percentile)
        return switch language {
        case .en: ("the \(ordinal) percentile of players aged about ", " in \(segment)")
        case .de: ("das \(ordinal) Perzentil der Spielenden um die ", " Jahre in \(segment)")
        case .fr: ("le \(ordinal) centile des joueurs d’environ ", " ans en \(segment)")
        }
    }

    /// A reason over every player, saying they are of every age because no age was given:
    /// `…, of every age (no age given)`.
    func everyAge(_ base: String) -> String {
        switch language {
        case .en: base + ", of every age (no age given)"
        case .de: base + ", jeden Alters (kein Alter angegeben)"
        case .fr: base + ", de tous âges (âge non indiqué)"
        }
    }

    /// ` (read at age 80, the oldest in this segment's data; your age is 88)`.
    func clamped(_ context: AgeContext, to end: AgeContext.Clamp) -> String {
        let oldest = end == .aboveOldest
        return switch language {
        case .en:
            " (read at age \(context.readAt), the \(oldest ? "oldest" : "youngest") in this segment’s data; your age is \(context.age))"
        case .de:
            " (abgelesen bei \(context.readAt) Jahren, dem \(oldest ? "höchsten" : "niedrigsten") Alter in den Daten dieses Segments; dein Alter: \(context.age))"
        case .fr:
            " (lu à \(context.readAt) ans, l’âge le plus \(oldest ? "élevé" : "bas") des données de ce segment\u{202F}; ton âge\u{202F}: \(context.age))"
        }
    }

    /// `2% above your score: you are above every percentile of players aged about ` · `24` · ` in …`.
    func personalStepAged(percent: Int, segment: String) -> (before: String, after: String) {
        switch language {
        case .en: ("\(percent)% above your score: you are above every percentile of players aged about ", " in \(segment)")
        case .de: ("\(percent) % über deiner Punktzahl: du liegst über jedem Perzentil der Spielenden um die ", " Jahre in \(segment)")
        case .fr: ("\(percent)\u{202F}% au-dessus de ton score\u{202F}: tu dépasses tous les centiles des joueurs d’environ ", " ans en \(segment)")
        }
    }

    /// `2% above your score: you are above every percentile of the 231 players in …`.
    func personalStep(percent: Int, population: Int, segment: String) -> String {
        let players = style.format(integer: population)
        return switch language {
        case .en: "\(percent)% above your score: you are above every percentile of the \(players) players in \(segment)"
        case .de: "\(percent) % über deiner Punktzahl: du liegst über jedem Perzentil der \(players) Spielenden in \(segment)"
        case .fr: "\(percent)\u{202F}% au-dessus de ton score\u{202F}: tu dépasses tous les centiles des \(players) joueurs en \(segment)"
        }
    }

    /// `your 60th percentile over your last 9 games`.
    func personal(percentile: Double, games: Int) -> String {
        let ordinal = style.percentileOrdinal(percentile)
        return switch language {
        case .en: "your \(ordinal) percentile over your last \(lastGames(games))"
        case .de: "das \(ordinal) Perzentil \(lastGames(games))"
        case .fr: "ton \(ordinal) centile sur \(lastGames(games))"
        }
    }

    /// `; a personal target needs 3 of your games in 28 days, you have 2 so far`.
    func fallback(minimum: Int, days: Int, have: Int) -> String {
        switch language {
        case .en: "; a personal target needs \(minimum) of your games in \(days) days, you have \(have) so far"
        case .de: "; für ein persönliches Ziel braucht es \(minimum) deiner Spiele in \(days) Tagen, bisher sind es \(have)"
        case .fr: "\u{202F}; un objectif personnel demande \(minimum) de tes parties en \(days) jours, tu en as \(have) pour l’instant"
        }
    }

    /// `, within reach: the 90th percentile of your last 9 games is 175,000`.
    func withinReach(percentile: Double, games: Int, reach: Double) -> String {
        let ordinal = style.percentileOrdinal(percentile), score = style.formatScore(reach)
        return switch language {
        case .en: ", within reach: the \(ordinal) percentile of your last \(lastGames(games)) is \(score)"
        case .de: ", in Reichweite: das \(ordinal) Perzentil \(lastGames(games)) liegt bei \(score)"
        case .fr: ", à ta portée\u{202F}: le \(ordinal) centile de \(lastGames(games)) est de \(score)"
        }
    }

    /// ` (the cohort target of 171,000 is beyond your best recent games, 150,000)`.
    func beyondReach(cohortTarget: Double, reach: Double) -> String {
        let target = style.formatScore(cohortTarget), best = style.formatScore(reach)
        return switch language {
        case .en: " (the cohort target of \(target) is beyond your best recent games, \(best))"
        case .de: " (das Gruppenziel von \(target) liegt über deinen besten letzten Spielen, \(best))"
        case .fr: " (l’objectif du groupe, \(target), dépasse tes meilleures parties récentes, \(best))"
        }
    }

    /// `; today's 150,000 is above it, so the target is to hold that level`.
    func levelReached(score: Double) -> String {
        let today = style.formatScore(score)
        return switch language {
        case .en: "; today's \(today) is above it, so the target is to hold that level"
        case .de: "; deine \(today) von heute liegen darüber, also gilt es, dieses Niveau zu halten"
        case .fr: "\u{202F}; tes \(today) d’aujourd’hui le dépassent, l’objectif est donc de tenir ce niveau"
        }
    }

    /// `9 games` after "your last" (English), with its article and case in German and French.
    private func lastGames(_ count: Int) -> String {
        switch (language, count) {
        case (.en, 1): "game"
        case (.en, _): "\(count) games"
        case (.de, 1): "deines letzten Spiels"
        case (.de, _): "deiner letzten \(count) Spiele"
        case (.fr, 1): "ta dernière partie"
        case (.fr, _): "tes \(count) dernières parties"
        }
    }
}
