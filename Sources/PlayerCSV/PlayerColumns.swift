import MotivationEngine

/// The player CSV of DESIGN.md (`userId,score,age,startSpeed,duration_minutes`, `userId`
/// optional) mapped onto `PlayerRecord`s, with optional `game_mode` and `difficulty` columns
/// naming each row's segment.
public struct PlayerColumns: Sendable {
    /// Column indices of the optional player id and of each feature present in the file.
    private let userId: Int?
    private let score: Int
    private let age: Int?
    private let startSpeed: Int?
    private let durationMinutes: Int?
    private let gameMode: Int?
    private let difficulty: Int?

    /// The columns of `header`.
    /// - Parameter required: features whose columns must exist (`score` always must).
    /// - Throws: `CSVError` naming the missing columns and those the file has.
    public init(header: CSVHeader, requiring required: [Feature] = [.score]) throws(CSVError) {
        _ = try header.indices(of: (Set(required).union([.score])).map(\.rawValue).sorted())
        userId = header.index(of: "userId") ?? header.index(of: "user_id")
        score = header.index(of: Feature.score.rawValue)!
        age = header.index(of: Feature.age.rawValue)
        startSpeed = header.index(of: Feature.startSpeed.rawValue)
        durationMinutes = header.index(of: Feature.durationMinutes.rawValue)
        gameMode = header.index(of: "game_mode") ?? header.index(of: "gameMode")
        difficulty = header.index(of: "difficulty")
    }

    /// Whether the file names each row's segment (it has `game_mode` and `difficulty` columns).
    public var hasSegmentColumns: Bool { gameMode != nil && difficulty != nil }

    /// The row as a player record; an empty or non-numeric value is `nil`.
    public func record(_ row: CSVRecord) -> PlayerRecord {
        func number(_ index: Int?) -> Double? {
            guard let index, index < row.count else { return nil }
            return row.double(at: index)
        }
        let id = userId.flatMap { $0 < row.count && !row.isEmpty(at: $0) ? row.string(at: $0) : nil }
        return PlayerRecord(
            userId: id, score: number(score), age: number(age), startSpeed: number(startSpeed),
            durationMinutes: number(durationMinutes))
    }

    /// The row's segment from its `game_mode`, `difficulty` and `duration_minutes` columns,
    /// with `defaults` for the parts the row does not have; `nil` when a part is missing.
    /// - Throws: `AnalysisError.invalidField` for a difficulty that is not a whole number or a
    ///   duration that is not a positive number of minutes.
    public func segment(_ row: CSVRecord, defaults: SegmentDefaults) throws(AnalysisError) -> SegmentKey? {
        let parts = try segmentParts(row, defaults: defaults)
        guard let mode = parts.gameMode, let level = parts.difficulty, let minutes = parts.durationMinutes else { return nil }
        return SegmentKey(gameMode: mode, difficulty: level, durationMinutes: minutes)
    }

    /// The segment parts the row names in its columns, with `defaults` for the others (any may
    /// be missing).
    /// - Throws: as `segment(_:defaults:)`.
    public func segmentParts(_ row: CSVRecord, defaults: SegmentDefaults) throws(AnalysisError) -> SegmentDefaults {
        let mode =
            gameMode.flatMap { $0 < row.count && !row.isEmpty(at: $0) ? row.string(at: $0) : nil }
            ?? defaults.gameMode
        var level = defaults.difficulty
        if let value = difficulty.flatMap({ $0 < row.count ? row.double(at: $0) : nil }) {
            guard let whole = SegmentKey.difficulty(value) else {
                throw .invalidField(name: "difficulty", problem: "must be a whole number, got \(value)")
            }
            level = whole
        }
        var minutes = defaults.durationMinutes
        if let value = durationMinutes.flatMap({ $0 < row.count ? row.double(at: $0) : nil }) {
            guard let whole = SegmentKey.wholeMinutes(value) else {
                throw .invalidField(name: "duration_minutes", problem: "must be a positive number of minutes, at most a day, got \(value)")
            }
            minutes = whole
        }
        return SegmentDefaults(gameMode: mode, difficulty: level, durationMinutes: minutes)
    }
}
