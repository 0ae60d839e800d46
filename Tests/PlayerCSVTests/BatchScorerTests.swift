import Foundation
import MotivationEngine
import PlayerCSV
import TestSupport
import Testing

@Suite("Batch scoring")
struct BatchScorerTests {
    /// The records of `input`: the header and the rows.
    static func records(_ input: String) throws -> (CSVHeader, [CSVRecord]) {
        var parser = CSVParser()
        var records: [CSVRecord] = []
        try parser.feed(Array(input.utf8)) { records.append($0) }
        try parser.finish { records.append($0) }
        return (CSVHeader(records[0]), Array(records.dropFirst()))
    }

    /// Runs the scorer over `input` (in `parts` concurrent parts, or on the calling thread);
    /// returns the output records and the row errors.
    static func run(_ input: String, registry: ModelRegistry, parts: Int? = nil) async throws
        -> (output: [ParsedRecord], errors: [BatchScorer.RowError], rows: Int)
    {
        let (header, rows) = try records(input)
        let scorer = try BatchScorer(registry: registry, header: header, defaults: SegmentDefaults(), language: .en)
        let chunk = if let parts { await scorer.score(rows, parts: parts) } else { scorer.score(rows[...]) }
        let output = try parseCSV(scorer.headerBytes + chunk.bytes)
        return (output, chunk.errors, chunk.rows)
    }

    static let registry = ModelRegistry(engines: [Fixtures.segment: Fixtures.engine])

    @Test(
        "input columns are kept, result columns appended, bad rows get an error and the batch goes on",
        arguments: [nil, 1, 2, 4] as [Int?])
    func batch(parts: Int?) async throws {
        let input = [
            "userId,score,age,startSpeed,duration_minutes,team,note",
            #"u1,61000,30,4,10,"Zurich, CH","said ""hi""""#,
            "u2,abc,30,4,10,Bern,x",
            "u3,141000,,,10,Basel,\"two",
            "lines\"",
            "u4,20000,3,4,10,Genf,y",
            "u5,101000,35,5.5,10,Luzern,",
            "",
        ].joined(separator: "\n")
        let (output, errors, count) = try await Self.run(input, registry: Self.registry, parts: parts)
        let header = ["userId", "score", "age", "startSpeed", "duration_minutes", "team", "note"]
        #expect(output.first?.fields == header + BatchScorer.resultColumns)
        #expect(output.count == 6)
        #expect(output.allSatisfy { $0.fields.count == header.count + BatchScorer.resultColumns.count })
        let rows = Array(output.dropFirst())
        // Every input field is carried through as it was read (quoted fields unescaped, then re-quoted).
        #expect(
            rows.map { Array($0.fields.prefix(7)) } == [
                ["u1", "61000", "30", "4", "10", "Zurich, CH", "said \"hi\""],
                ["u2", "abc", "30", "4", "10", "Bern", "x"],
                ["u3", "141000", "", "", "10", "Basel", "two\nlines"],
                ["u4", "20000", "3", "4", "10", "Genf", "y"],
                ["u5", "101000", "35", "5.5", "10", "Luzern", ""],
            ])
        func column(_ name: String, _ row: ParsedRecord) -> String {
            row.fields[header.count + BatchScorer.resultColumns.firstIndex(of: name)!]
        }
        // Good rows: scored as analyze scores them, no error.
        for (row, score, age, speed, id) in [
            (rows[0], 61_000.0, 30.0 as Double?, 4.0 as Double?, "u1"), (rows[2], 141_000, nil, nil, "u3"),
            (rows[4], 101_000, 35, 5.5, "u5"),
        ] {
            let analysis = try Fixtures.engine.analyze(AnalysisInput(score: score, age: age, startSpeed: speed, userId: id))
            #expect(column("error", row) == "")
            #expect(column("cluster", row) == "\(analysis.clusterPrediction.cluster)")
            #expect(column("cluster_label", row) == analysis.clusterPrediction.clusterLabel)
            #expect(Double(column("next_target", row)) == analysis.motivationalMessage.nextTarget)
            #expect(column("status", row) == analysis.motivationalMessage.status.rawValue)
            #expect(column("message", row) == analysis.motivationalMessage.message)
            #expect(column("target_policy", row) == "cohort")
        }
        #expect(column("cluster_label", rows[0]) == "Intermediate")
        #expect(column("cluster_label", rows[2]) == "Expert")
        // Bad rows: the reason in the error column, other result columns empty.
        for (row, field) in [(rows[1], "score"), (rows[3], "age")] {
            #expect(column("error", row).contains(field), "\(column("error", row))")
            #expect(BatchScorer.resultColumns.dropLast().allSatisfy { column($0, row) == "" })
        }
        #expect(errors.map(\.line) == [3, 6])
        #expect(errors[0].reason.contains("score"))
        #expect(errors[1].reason.contains("age"))
        #expect(errors[1].description.hasPrefix("line 6"))
        #expect(count == 5)
    }

    @Test("rows of an unknown segment fail alone")
    func unknownSegment() async throws {
        let input = """
            score,game_mode,difficulty,duration_minutes
            61000,DualFlow,-1,10
            61000,Classic,2,5
            101000,DualFlow,-1,10

            """
        let (output, errors, _) = try await Self.run(input, registry: Self.registry)
        #expect(output.count == 4)
        #expect(errors.map(\.line) == [3])
        #expect(errors.first?.reason.contains("Classic") == true)
        let errorIndex = 4 + BatchScorer.resultColumns.count - 1
        #expect(output.map { $0.fields[errorIndex].isEmpty } == [false, true, false, true])  // the header's is "error"
    }

    @Test("a file without a score column is refused at the header")
    func noScore() {
        #expect(throws: CSVError.self) {
            try BatchScorer(
                registry: Self.registry, header: CSVHeader(names: ["userId", "age"]), defaults: SegmentDefaults(),
                language: .en)
        }
    }
}
