/// A feature the segment models can use, named as in the player CSV, the JSON and the model
/// file. The first four are recorded with every workout; the age-graded score is derived from
/// score and age through the segment's age curve.
public enum Feature: String, Codable, CaseIterable, Sendable {
    case score
    case age
    case startSpeed
    case durationMinutes = "duration_minutes"
    /// The score's z among players of the same age (see `AgeCurve`).
    case ageGradedScore = "age_graded_score"

    /// The features a workout records, in the player CSV's column order.
    public static let recorded: [Feature] = [.score, .age, .startSpeed, .durationMinutes]

    /// The feature's value in a record, `nil` when missing.
    func value(in record: PlayerRecord) -> Double? {
        switch self {
        case .score: return record.score
        case .age: return record.age
        case .startSpeed: return record.startSpeed
        case .durationMinutes: return record.durationMinutes
        case .ageGradedScore: return nil
        }
    }
}
