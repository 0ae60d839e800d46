import Hummingbird
import MotivationEngine

/// A `text/csv` batch: the `batch` command's input format in, its scored CSV out (every input
/// column kept, the analysis columns appended, a row that cannot be scored carrying its reason
/// in the `error` column).
enum BatchCSV {
    /// Scores the CSV in `body`.
    /// - Throws: 400 `invalid_csv` for malformed CSV or a header without `score`; 413 past `maximumRows`.
    static func score(_ body: ByteBuffer, registry: ModelRegistry, language: Language, maximumRows: Int) async throws -> Response {
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
            throw APIError(.contentTooLarge, code: "too_many_items", message: "a batch holds at most \(maximumRows) players, got \(rows.count)")
        }
        let scorer: BatchScorer
        do {
            scorer = try BatchScorer(registry: registry, header: header, defaults: SegmentDefaults(), language: language)
        } catch {
            throw APIError(.badRequest, code: "invalid_csv", message: "\(error)")
        }
        let chunk = await scorer.score(rows, parts: 1)
        var buffer = ByteBuffer()
        buffer.writeBytes(scorer.headerBytes)
        buffer.writeBytes(chunk.bytes)
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: buffer))
    }
}
