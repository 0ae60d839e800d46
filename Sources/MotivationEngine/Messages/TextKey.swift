/// The fixed sentences of a language file's `"texts"` object: the target reasons and the
/// retention report's verdict, each a template with named placeholders, edited like the messages.
public enum TextKey: String, CaseIterable, Sendable {
    case reasonCohort = "reason_cohort"
    case reasonCohortAged = "reason_cohort_aged"
    case reasonEveryAge = "reason_every_age"
    case reasonReadAtOldest = "reason_read_at_oldest"
    case reasonReadAtYoungest = "reason_read_at_youngest"
    case reasonPersonalStep = "reason_personal_step"
    case reasonPersonalStepAged = "reason_personal_step_aged"
    case reasonPersonal = "reason_personal"
    case reasonFallback = "reason_fallback"
    case reasonWithinReach = "reason_within_reach"
    case reasonBeyondReach = "reason_beyond_reach"
    case reasonLevelReached = "reason_level_reached"
    case lastGame = "last_game"
    case lastGames = "last_games"
    case verdictNoPlayers = "verdict_no_players"
    case verdictNoControlPlayers = "verdict_no_control_players"
    case verdictNoControlWindow = "verdict_no_control_window"
    case verdictArmEmpty = "verdict_arm_empty"
    case verdictArmNoWindow = "verdict_arm_no_window"
    case verdictNumbers = "verdict_numbers"
    case verdictMore = "verdict_more"
    case verdictLess = "verdict_less"
    case verdictNoEvidence = "verdict_no_evidence"
    case verdictPurpose = "verdict_purpose"
    case verdictSampleNone = "verdict_sample_none"
    case verdictSampleSome = "verdict_sample_some"
    case verdictPolicySubject = "verdict_policy_subject"
    case verdictPolicyPlayers = "verdict_policy_players"
    case verdictPolicyCause = "verdict_policy_cause"
    case verdictArmSubject = "verdict_arm_subject"
    case verdictArmPlayers = "verdict_arm_players"
    case verdictArmCause = "verdict_arm_cause"
    case percent = "percent"
    case segmentName = "segment_name"
    case segmentDifficulty = "segment_difficulty"
    case segmentDifficultyExpert = "segment_difficulty_expert"

    /// Whether players read the text (the target reasons, segment names), so that it keeps the messages' tone
    /// rules; the verdict is read by staff.
    public var isShownToPlayers: Bool {
        rawValue.hasPrefix("reason_") || rawValue.hasPrefix("segment_") || self == .lastGame || self == .lastGames
    }

    /// The placeholders the text must use, each of them: a translation that drops one would
    /// drop a number the reader needs.
    public var placeholders: Set<String> {
        switch self {
        case .reasonCohort: ["percentile", "players", "segment"]
        case .reasonCohortAged: ["percentile", "age", "segment"]
        case .reasonEveryAge: ["reason"]
        case .reasonReadAtOldest, .reasonReadAtYoungest: ["read_at", "age"]
        case .reasonPersonalStep: ["percent", "players", "segment"]
        case .reasonPersonalStepAged: ["percent", "age", "segment"]
        case .reasonPersonal: ["percentile", "last_games"]
        case .reasonFallback: ["minimum", "days", "have"]
        case .reasonWithinReach: ["percentile", "last_games", "score"]
        case .reasonBeyondReach: ["target", "best"]
        case .reasonLevelReached: ["score"]
        case .lastGame: []
        case .lastGames: ["count"]
        case .verdictNoPlayers, .verdictNoControlWindow: []
        case .verdictNoControlPlayers: ["arm"]
        case .verdictArmEmpty, .verdictArmNoWindow: ["players"]
        case .verdictNumbers: ["difference", "level", "low", "high"]
        case .verdictMore, .verdictLess: ["subject", "numbers"]
        case .verdictNoEvidence: ["cause", "numbers"]
        case .verdictPurpose: ["effect", "power"]
        case .verdictSampleNone: ["arm", "required", "purpose"]
        case .verdictSampleSome: ["included", "required", "purpose", "arm"]
        case .verdictPolicySubject, .verdictPolicyPlayers, .verdictPolicyCause: ["policy"]
        case .verdictArmSubject, .verdictArmPlayers, .verdictArmCause: ["arm"]
        case .percent: ["value"]
        case .segmentName: ["mode", "difficulty", "minutes"]
        case .segmentDifficulty: ["difficulty"]
        case .segmentDifficultyExpert: []
        }
    }
}
