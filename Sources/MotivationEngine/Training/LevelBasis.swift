/// What a segment's levels are fitted on.
public enum LevelBasis: String, Codable, CaseIterable, Sendable {
    /// Skill: the mixture is fitted on the age-graded score (with start speed and duration
    /// where they vary, at half weight), so that levels are fair across ages. The default.
    case skill
    /// The seed's raw features (score, age, start speed, duration), kept for comparison: its
    /// clusters follow age as much as skill (see docs/age-curves.md for the measured difference).
    case seed

    /// The weight of `feature` in the mixture's standard units: 1 for every feature of the seed
    /// model; for skill levels 1 for the age-graded score and ½ for start speed and duration,
    /// which players choose (a weaker, noisier sign of skill than what they score).
    func weight(of feature: Feature) -> Double {
        switch (self, feature) {
        case (.skill, .startSpeed), (.skill, .durationMinutes): return 0.5
        default: return 1
        }
    }
}
