import ArgumentParser
import Foundation
import MotivationEngine
import PlayerCSV

/// `sphery-engine batch`: scores a player CSV into an output CSV, streaming.
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Score every row of a player CSV and write the results as CSV.",
        discussion: """
            Input header: userId,score,age,startSpeed,duration_minutes (only score is required; extra \
            columns are kept). Each output row is the input row followed by \(BatchScorer.resultColumns.joined(separator: ",")). \
            A row that cannot be scored is written with its reason in the error column, reported on \
            standard error with its line number, and the batch goes on. The file is streamed in chunks \
            of rows scored on all cores: memory does not grow with its length.
            """)

    @OptionGroup var models: ModelsOption

    @Option(help: "Input player CSV.")
    var csv: String

    @Option(help: "Output CSV (- for standard output).")
    var out: String

    @OptionGroup var segment: SegmentOptions
    @OptionGroup var language: LanguageOption

    /// Row errors printed one by one before only counting them.
    static let reportedErrors = 20
    /// Rows read before a chunk is scored and written.
    static let rowsPerChunk = 16_384

    func run() async throws {
        let registry = try ModelRegistry.load(from: URL(fileURLWithPath: models.models))
        let language = try language.validated()
        let output = try OutputFile(path: out)
        let parts = ProcessInfo.processInfo.activeProcessorCount
        var scorer: BatchScorer?
        var scored = 0, failed = 0
        try await CSVFile.stream(path: csv, batch: Self.rowsPerChunk) { header in
            do {
                scorer = try BatchScorer(registry: registry, header: header, defaults: segment.defaults, language: language)
            } catch {
                throw FileError(description: "\(csv), \(error)")
            }
            try output.write(scorer!.headerBytes)
        } rows: { rows in
            let chunk = await scorer!.score(rows, parts: parts)
            for failure in chunk.errors.prefix(max(0, Self.reportedErrors - failed)) {
                StandardError.print("\(csv), \(failure)")
            }
            failed += chunk.errors.count
            scored += chunk.rows - chunk.errors.count
            try output.write(chunk.bytes)
        }
        try output.close()
        if failed > Self.reportedErrors { StandardError.print("… and \(failed - Self.reportedErrors) more rows with errors") }
        StandardError.print("scored \(scored) rows, \(failed) could not be scored → \(out)")
        if scored == 0 && failed > 0 { throw ExitCode.failure }
    }
}
