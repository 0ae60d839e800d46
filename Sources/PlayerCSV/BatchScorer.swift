import MotivationEngine

/// Scores a player CSV into an output CSV: every input column is kept and the analysis
/// columns are appended. A row that cannot be scored gets its reason in the `error` column and
/// the batch goes on. Pure: the caller streams the bytes in and out, a chunk of rows at a time,
/// and each chunk is scored on all cores with its rows kept in order.
public struct BatchScorer: Sendable {
    /// The columns appended to every row.
    public static let resultColumns = [
        "cluster", "cluster_label", "confidence", "current_percentile", "next_target", "next_target_percentile",
        "points_to_next_target", "status", "target_policy", "message", "error",
    ]

    /// A row that could not be scored.
    public struct RowError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The input line of the row, from 1 with the header.
        public let line: Int
        /// Why the row could not be scored, naming the column.
        public let reason: String
        /// `line 12: score: must be a number`.
        public var description: String { "line \(line): \(reason)" }
    }

    /// The output of a chunk of rows: the CSV bytes and the rows that could not be scored.
    public struct Chunk: Sendable {
        /// The scored rows as CSV bytes.
        public var bytes: [UInt8]
        /// The rows that could not be scored, and why.
        public var errors: [RowError]
        /// Rows in the chunk.
        public var rows: Int
    }

    private let registry: ModelRegistry
    private let defaults: SegmentDefaults
    private let language: Language
    private let columns: PlayerColumns
    private let inputWidth: Int

    /// Prepares scoring for a file with `header`.
    /// - Parameters:
    ///   - registry: the loaded models.
    ///   - defaults: the segment of rows whose file has no segment columns.
    ///   - language: the language of the messages.
    /// - Throws: `CSVError` when the input has no `score` column.
    public init(registry: ModelRegistry, header: CSVHeader, defaults: SegmentDefaults, language: Language) throws(CSVError) {
        self.registry = registry
        self.defaults = defaults
        self.language = language
        columns = try PlayerColumns(header: header)
        inputWidth = header.names.count
        var writer = CSVWriter()
        writer.write(fields: header.names + Self.resultColumns)
        headerBytes = writer.take()
    }

    /// The output's header line.
    public let headerBytes: [UInt8]

    /// Scores `rows`, split over `parts` concurrent tasks, and returns their output in order.
    public func score(_ rows: [CSVRecord], parts: Int) async -> Chunk {
        let size = max(1, (rows.count + parts - 1) / max(1, parts))
        let slices = stride(from: 0, to: rows.count, by: size).map { rows[$0..<min($0 + size, rows.count)] }
        let results = await withTaskGroup(of: (Int, Chunk).self) { group in
            for (index, slice) in slices.enumerated() {
                group.addTask { (index, self.score(slice)) }
            }
            var results: [(Int, Chunk)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var chunk = Chunk(bytes: [], errors: [], rows: 0)
        for part in results {
            chunk.bytes += part.bytes
            chunk.errors += part.errors
            chunk.rows += part.rows
        }
        return chunk
    }

    /// Scores `rows` in order on the calling thread.
    public func score(_ rows: ArraySlice<CSVRecord>) -> Chunk {
        var writer = CSVWriter()
        var engines = EngineCache()
        var errors: [RowError] = []
        for row in rows {
            if let failure = score(row, into: &writer, engines: &engines) { errors.append(failure) }
        }
        return Chunk(bytes: writer.take(), errors: errors, rows: rows.count)
    }

    /// Scores one row into `writer`; returns the reason when it could not be scored.
    private func score(
        _ row: CSVRecord, into writer: inout CSVWriter, engines: inout EngineCache
    ) -> RowError? {
        for index in 0..<inputWidth {
            if index < row.count { writer.append(fieldAt: index, of: row) } else { writer.append("") }
        }
        do {
            try analyse(row, into: &writer, engines: &engines)
            writer.endRecord()
            return nil
        } catch {
            let failure = RowError(line: row.line, reason: "\(error)")
            for _ in 0..<(Self.resultColumns.count - 1) { writer.append("") }
            writer.append(failure.reason)
            writer.endRecord()
            return failure
        }
    }

    private func analyse(
        _ row: CSVRecord, into writer: inout CSVWriter, engines: inout EngineCache
    ) throws {
        let record = columns.record(row)
        guard let score = record.score else {
            throw AnalysisError.invalidField(name: "score", problem: "is missing or not a number")
        }
        let input = AnalysisInput(
            durationMinutes: record.durationMinutes, score: score, age: record.age, startSpeed: record.startSpeed,
            userId: record.userId)
        let engine = try self.engine(for: row, cache: &engines)
        let prediction = try engine.predictCluster(input)
        let message = engine.motivationalMessage(
            score: score, age: record.age, cluster: prediction.cluster, language: language, variantKey: record.userId)
        writer.append(prediction.cluster)
        writer.append(prediction.clusterLabel)
        writer.append(prediction.confidence, fractionDigits: 4)
        writer.append(message.currentPercentile, fractionDigits: 1)
        writer.append(message.nextTarget)
        writer.append(message.nextTargetPercentile)
        writer.append(message.pointsToNextTarget)
        writer.append(message.status.rawValue)
        writer.append(message.targetPolicy.rawValue)
        writer.append(message.message)
        writer.append("")
    }

    /// The engine for the row's segment (its columns, else the defaults, else the only model
    /// that fits what is known).
    private func engine(for row: CSVRecord, cache: inout EngineCache) throws -> SegmentEngine {
        let parts = try columns.segmentParts(row, defaults: defaults)
        if let engine = cache.byParts[parts] { return engine }
        let engine: SegmentEngine
        if let mode = parts.gameMode, let level = parts.difficulty, let minutes = parts.durationMinutes {
            let segment = SegmentKey(gameMode: mode, difficulty: level, durationMinutes: minutes)
            guard let known = registry.engines[segment] else {
                throw AnalysisError.unknownSegment(
                    requested: segment.description, available: registry.engines.keys.map(\.description).sorted())
            }
            engine = known
        } else {
            engine = try registry.engine(
                for: AnalysisInput(
                    gameMode: parts.gameMode, difficulty: parts.difficulty, durationMinutes: parts.durationMinutes.map(Double.init),
                    score: 0))
        }
        cache.byParts[parts] = engine
        return engine
    }
}

/// Engines already looked up for a chunk, by the segment parts their rows name.
private struct EngineCache {
    var byParts: [SegmentDefaults: SegmentEngine] = [:]
}
