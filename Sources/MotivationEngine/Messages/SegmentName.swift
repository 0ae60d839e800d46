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
    /// The segment's name in `language`, worded by `catalog`'s `segment_…` texts.
    public func name(in language: Language, catalog: MessageCatalog = .shared) -> SegmentName {
        let difficultyText =
            difficulty == -1
            ? catalog.text(.segmentDifficultyExpert, language: language)
            : catalog.text(.segmentDifficulty, language: language, ["difficulty": String(difficulty)])
        let full = catalog.text(
            .segmentName, language: language,
            ["mode": gameMode, "difficulty": difficultyText, "minutes": String(durationMinutes)])
        return SegmentName(difficulty: difficultyText, full: full)
    }
}
