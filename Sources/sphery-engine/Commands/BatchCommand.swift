import ArgumentParser
import Foundation
import MotivationEngine

/// `sphery-engine batch`: scores a player CSV into an output CSV, streaming.
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Score every row of a player CSV and write the results as CSV.",
        discussion: """
            Input header: userId,score,age,startSpeed,duration_minutes (only score is required; extra \
            columns are kept). Each output row is the input row followed by \(BatchScorer.resultColumns.joined(separator: ",")). \
            A row that cannot be scored is written with its reason in the error column, reported on \
            standard error with its line number, and the batch goes on. The file is streamed: memory \
            does not grow with its length.
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

    func run() async throws {
        let registry = try ModelRegistry.load(from: URL(fileURLWithPath: models.models))
        var scorer = BatchScorer(registry: registry, defaults: segment.defaults, language: try language.validated())
        let output = try OutputFile(path: out)
        var writer = CSVWriter()
        try CSVFile.stream(path: csv) { header in
            do {
                try scorer.start(header, into: &writer)
            } catch {
                throw FileError(description: "\(csv), \(error)")
            }
        } row: { row in
            if let failure = scorer.score(row, into: &writer), scorer.failed <= Self.reportedErrors {
                StandardError.print("\(csv), \(failure)")
            }
            if writer.byteCount >= 1 << 20 { try output.write(writer.take()) }
        }
        try output.write(writer.take())
        try output.close()
        StandardError.print("scored \(scorer.scored) rows, \(scorer.failed) could not be scored → \(out)")
        if scorer.scored == 0 && scorer.failed > 0 { throw ExitCode.failure }
    }
}
