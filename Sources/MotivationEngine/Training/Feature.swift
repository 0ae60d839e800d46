/// A per-workout feature the segment models can use, named as in the player CSV and JSON.
public enum Feature: String, Codable, CaseIterable, Sendable {
    case score
    case age
    case startSpeed
    case durationMinutes = "duration_minutes"

    /// The feature's value in a record, `nil` when missing.
    func value(in record: PlayerRecord) -> Double? {
        switch self {
        case .score: return record.score
        case .age: return record.age
        case .startSpeed: return record.startSpeed
        case .durationMinutes: return record.durationMinutes
        }
    }
}
