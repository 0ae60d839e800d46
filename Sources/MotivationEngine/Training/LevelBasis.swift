/// What a segment's levels are fitted on.
public enum LevelBasis: String, Codable, CaseIterable, Sendable {
    /// Skill: the mixture is fitted on the age-graded score (with start speed and duration
    /// where they vary, at weight 0.7), so that levels are fair across ages. The default.
    case skill
    /// The seed's raw features (score, age, start speed, duration), kept for comparison: its
    /// clusters follow age as much as skill (see docs/age-curves.md for the measured difference).
    case seed

    /// The weight of `feature` in the mixture's standard units: 1 for every feature of the seed
    /// model; for skill levels 1 for the age-graded score and 0.7 for start speed and duration,
    /// which players choose: a weaker sign of skill than what they score, but a steadier one
    /// from game to game. Lower weights follow skill more closely and let a player's single
    /// games change level more often; 0.7 keeps both well inside issue 18's bounds on the
    /// known-truth data (docs/age-curves.md has the measured trade-off).
    func weight(of feature: Feature) -> Double {
        switch (self, feature) {
        case (.skill, .startSpeed), (.skill, .durationMinutes): return 0.7
        default: return 1
        }
    }
}
