/// Scores a player CSV row by row into an output CSV: every input column is kept and the
/// analysis columns are appended. A row that cannot be scored gets an `error` and the batch
/// goes on. Pure: the caller streams the bytes in and out.
public struct BatchScorer {
    /// The columns appended to every row.
    public static let resultColumns = [
        "cluster", "cluster_label", "confidence", "current_percentile", "next_target", "next_target_percentile",
        "points_to_next_target", "status", "target_policy", "message", "error",
    ]

    /// A row that could not be scored.
    public struct RowError: Error, Equatable, Sendable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    private let registry: ModelRegistry
    private let defaults: SegmentDefaults
    private let language: Language
    private var columns: PlayerColumns?
    private var inputWidth = 0
    private var engines: [SegmentKey: SegmentEngine] = [:]
    /// Rows scored so far.
    public private(set) var scored = 0
    /// Rows that could not be scored so far.
    public private(set) var failed = 0

    /// - Parameters:
    ///   - registry: the loaded models.
    ///   - defaults: the segment of rows whose file has no segment columns.
    ///   - language: the language of the messages.
    public init(registry: ModelRegistry, defaults: SegmentDefaults, language: Language) {
        self.registry = registry
        self.defaults = defaults
        self.language = language
    }

    /// Reads the input header and writes the output header.
    /// - Throws: `CSVError` when the input has no `score` column.
    public mutating func start(_ header: CSVHeader, into writer: inout CSVWriter) throws(CSVError) {
        columns = try PlayerColumns(header: header)
        inputWidth = header.names.count
        writer.write(fields: header.names + Self.resultColumns)
    }

    /// Scores one row into `writer`; returns the reason when it could not be scored.
    public mutating func score(_ row: CSVRecord, into writer: inout CSVWriter) -> RowError? {
        for index in 0..<inputWidth {
            if index < row.count { writer.append(fieldAt: index, of: row) } else { writer.append("") }
        }
        do {
            try analyse(row, into: &writer)
            writer.endRecord()
            scored += 1
            return nil
        } catch {
            let failure = RowError(line: row.line, reason: "\(error)")
            for _ in 0..<(Self.resultColumns.count - 1) { writer.append("") }
            writer.append(failure.reason)
            writer.endRecord()
            failed += 1
            return failure
        }
    }

    private mutating func analyse(_ row: CSVRecord, into writer: inout CSVWriter) throws {
        let record = columns!.record(row)
        guard let score = record.score else {
            throw AnalysisError.invalidField(name: "score", problem: "is missing or not a number")
        }
        let input = AnalysisInput(
            durationMinutes: record.durationMinutes, score: score, age: record.age, startSpeed: record.startSpeed,
            userId: record.userId)
        let engine = try self.engine(for: row, input: input)
        let prediction = try engine.predictCluster(input)
        let message = engine.motivationalMessage(
            score: score, cluster: prediction.cluster, language: language, variantKey: record.userId)
        writer.append(prediction.cluster)
        writer.append(prediction.clusterLabel)
        writer.append((prediction.confidence * 1e4).rounded() / 1e4)
        writer.append(message.currentPercentile)
        writer.append(message.nextTarget)
        writer.append(message.nextTargetPercentile)
        writer.append(message.pointsToNextTarget)
        writer.append(message.status.rawValue)
        writer.append(message.targetPolicy)
        writer.append(message.message)
        writer.append("")
    }

    /// The engine for the row's segment (its columns, else the defaults, else the only model).
    private mutating func engine(for row: CSVRecord, input: AnalysisInput) throws -> SegmentEngine {
        if let segment = columns!.segment(row, defaults: defaults) {
            if let engine = engines[segment] { return engine }
            guard let engine = registry.engines[segment] else {
                throw AnalysisError.unknownSegment(
                    requested: segment.description, available: registry.engines.keys.map(\.description).sorted())
            }
            engines[segment] = engine
            return engine
        }
        var partial = input
        partial.gameMode = defaults.gameMode
        partial.difficulty = defaults.difficulty
        return try registry.engine(for: partial)
    }
}
