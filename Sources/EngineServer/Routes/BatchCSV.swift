import Hummingbird
import MotivationEngine
import PlayerCSV

/// A `text/csv` batch: the `batch` command's input format in, its scored CSV out (every input
/// column kept, the analysis columns appended, a row that cannot be scored carrying its reason
/// in the `error` column).
public enum BatchCSV {
    /// Scores the CSV in `body` and answers it as `text/csv`.
    /// - Throws: 400 `invalid_csv` for malformed CSV or a header without `score`; 413 past `maximumRows`.
    public static func score(_ body: ByteBuffer, registry: ModelRegistry, language: Language, maximumRows: Int) async throws -> Response {
        let scored = try await scoredCSV(
            body, registry: registry, language: language, defaults: SegmentDefaults(), maximumRows: maximumRows)
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: scored.bytes))
    }

    /// A scored file: its bytes (header line included), and the rows that could not be scored.
    public struct Scored: Sendable {
        /// The scored CSV, header line included.
        public let bytes: ByteBuffer
        /// The rows scored or refused.
        public let rows: Int
        /// The rows that could not be scored, and why.
        public let errors: [BatchScorer.RowError]
    }

    /// Scores the CSV in `body`; rows without segment columns take the segment from `defaults`.
    /// - Throws: as `score`.
    public static func scoredCSV(
        _ body: ByteBuffer, registry: ModelRegistry, language: Language, defaults: SegmentDefaults, maximumRows: Int
    ) async throws -> Scored {
        var parser = CSVParser()
        var header: CSVHeader?
        var rows: [CSVRecord] = []
        let collect: (CSVRecord) -> Void = { record in
            if header == nil { header = CSVHeader(record) } else { rows.append(record) }
        }
        do {
            try parser.feed(body.readableBytesView, collect)
            try parser.finish(collect)
        } catch {
            throw APIError(.badRequest, code: "invalid_csv", message: "\(error)")
        }
        guard let header else { throw APIError(.badRequest, code: "invalid_csv", message: "the CSV is empty: expected a header line") }
        guard rows.count <= maximumRows else {
            throw APIError(
                .contentTooLarge, code: "too_many_items", message: "a batch holds at most \(maximumRows) players, got \(rows.count)")
        }
        let scorer: BatchScorer
        do {
            scorer = try BatchScorer(registry: registry, header: header, defaults: defaults, language: language)
        } catch {
            throw APIError(.badRequest, code: "invalid_csv", message: "\(error)")
        }
        let chunk = await scorer.score(rows, parts: 1)
        var buffer = ByteBuffer()
        buffer.writeBytes(scorer.headerBytes)
        buffer.writeBytes(chunk.bytes)
        return Scored(bytes: buffer, rows: chunk.rows, errors: chunk.errors)
    }
}
