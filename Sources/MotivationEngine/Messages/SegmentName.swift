/// A segment's name as players and staff read it, in one language: `DualFlow · Expert
/// difficulty · 10 min`, `DualFlow · Schwierigkeit Expert · 10 Min.`, `DualFlow · difficulté
/// Expert · 10 min`. The platform's difficulty -1 is called Expert; the name always says
/// "difficulty" beside it, so that it is never read as the Expert level.
public struct SegmentName: Sendable, Equatable {
    /// The difficulty part: `Expert difficulty`, `difficulty 2`.
    public let difficulty: String
    /// The whole name.
    public let full: String
}

extension SegmentKey {
    /// The segment's name in `language`.
    public func name(in language: Language) -> SegmentName {
        let expert = difficulty == -1
        let difficultyText: String
        let minutes: String
        switch language {
        case .en:
            difficultyText = expert ? "Expert difficulty" : "difficulty \(difficulty)"
            minutes = "\(durationMinutes) min"
        case .de:
            difficultyText = expert ? "Schwierigkeit Expert" : "Schwierigkeit \(difficulty)"
            minutes = "\(durationMinutes) Min."
        case .fr:
            difficultyText = expert ? "difficulté Expert" : "difficulté \(difficulty)"
            minutes = "\(durationMinutes) min"
        }
        return SegmentName(difficulty: difficultyText, full: "\(gameMode) · \(difficultyText) · \(minutes)")
    }
}
