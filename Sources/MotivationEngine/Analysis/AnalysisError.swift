/// Why a player could not be analysed, naming the field or segment at fault.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A field's value is missing, not a number, or out of range.
    case invalidField(name: String, problem: String)
    /// No loaded model matches the requested segment.
    case unknownSegment(requested: String, available: [String])
    /// Several loaded models match; the caller must say which.
    case ambiguousSegment(available: [String])

    /// The problem in words, naming the field or the segment.
    public var description: String {
        switch self {
        case .invalidField(let name, let problem):
            return "\(name): \(problem)"
        case .unknownSegment(let requested, let available):
            return "no model for \(requested); loaded: \(available.isEmpty ? "none" : available.joined(separator: ", "))"
        case .ambiguousSegment(let available):
            return "several models are loaded (\(available.joined(separator: ", "))): "
                + "give game_mode, difficulty and duration_minutes"
        }
    }
}
