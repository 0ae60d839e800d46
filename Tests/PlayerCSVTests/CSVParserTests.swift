import PlayerCSV
import TestSupport
import Testing

struct CSVParserTests {
    @Test func readsPlainRecordsWithLineNumbers() throws {
        let records = try parseCSV("userId,score,age\nu1,150000,25.5\nu2,90000,31\n")
        #expect(
            records == [
                ParsedRecord(line: 1, fields: ["userId", "score", "age"]),
                ParsedRecord(line: 2, fields: ["u1", "150000", "25.5"]),
                ParsedRecord(line: 3, fields: ["u2", "90000", "31"]),
            ])
    }

    @Test func readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let records = try parseCSV("a,\"b,c\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"\",x\n")
        #expect(
            records == [
                ParsedRecord(line: 1, fields: ["a", "b,c", "say \"hi\""]),
                ParsedRecord(line: 2, fields: ["two\nlines", "", "x"]),
            ])
    }

    @Test func keepsLineBreaksInsideQuotesAsWritten() throws {
        let records = try parseCSV("\"a\r\nb\rc\nd\",e\nnext\n")
        #expect(
            records == [
                ParsedRecord(line: 1, fields: ["a\r\nb\rc\nd", "e"]),
                ParsedRecord(line: 5, fields: ["next"]),
            ])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func acceptsEveryLineEnding(_ ending: String) throws {
        let text = ["h1,h2", "1,2", "3,4"].joined(separator: ending) + ending
        #expect(
            try parseCSV(text) == [
                ParsedRecord(line: 1, fields: ["h1", "h2"]),
                ParsedRecord(line: 2, fields: ["1", "2"]),
                ParsedRecord(line: 3, fields: ["3", "4"]),
            ])
    }

    @Test func acceptsMixedLineEndings() throws {
        #expect(
            try parseCSV("a\r\nb\rc\nd") == [
                ParsedRecord(line: 1, fields: ["a"]), ParsedRecord(line: 2, fields: ["b"]),
                ParsedRecord(line: 3, fields: ["c"]), ParsedRecord(line: 4, fields: ["d"]),
            ])
    }

    @Test func readsTheLastRecordWithoutLineEnding() throws {
        #expect(
            try parseCSV("a,b\n1,2") == [
                ParsedRecord(line: 1, fields: ["a", "b"]), ParsedRecord(line: 2, fields: ["1", "2"]),
            ])
        #expect(try parseCSV("a,\"q\"") == [ParsedRecord(line: 1, fields: ["a", "q"])])
        #expect(try parseCSV("a,") == [ParsedRecord(line: 1, fields: ["a", ""])])
    }

    @Test func skipsBlankLinesButCountsThem() throws {
        let records = try parseCSV("\n\r\na\n\n\r\rb\n\n")
        #expect(records == [ParsedRecord(line: 3, fields: ["a"]), ParsedRecord(line: 7, fields: ["b"])])
        #expect(try parseCSV("").isEmpty)
        #expect(try parseCSV("\n\n\r\n").isEmpty)
    }

    @Test func keepsEmptyAndSpaceFields() throws {
        #expect(
            try parseCSV(",,\n \n\"\"\n") == [
                ParsedRecord(line: 1, fields: ["", "", ""]),
                ParsedRecord(line: 2, fields: [" "]),
                ParsedRecord(line: 3, fields: [""]),
            ])
    }

    @Test func dropsALeadingByteOrderMarkOnly() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(try parseCSV(bom + Array("a,b\n".utf8)) == [ParsedRecord(line: 1, fields: ["a", "b"])])
        #expect(try parseCSV(bom).isEmpty)
        // A byte order mark later in the file is data.
        #expect(
            try parseCSV(Array("a\n".utf8) + bom) == [
                ParsedRecord(line: 1, fields: ["a"]), ParsedRecord(line: 2, fields: ["\u{FEFF}"]),
            ])
        // Input that starts like a byte order mark but is not one is kept.
        for prefix in [[0xEF], [0xEF, 0xBB]] as [[UInt8]] {
            let input = prefix + Array(",x".utf8)
            let expected = [ParsedRecord(line: 1, fields: [String(decoding: prefix, as: UTF8.self), "x"])]
            #expect(try parseCSV(input) == expected)
            #expect(try parseCSV(input, chunkSizes: [1, 1]) == expected)
            #expect(try parseCSV(prefix) == [ParsedRecord(line: 1, fields: [String(decoding: prefix, as: UTF8.self)])])
        }
    }

    @Test func decodesUTF8Fields() throws {
        #expect(
            try parseCSV("Zürich,\"Genève, GE\",日本\n") == [
                ParsedRecord(line: 1, fields: ["Zürich", "Genève, GE", "日本"])
            ])
    }

    /// An input with every feature: whatever the chunking, the records are the same.
    static let everything: [UInt8] =
        [0xEF, 0xBB, 0xBF]
        + Array(
            ("userId,score,age,startSpeed,duration_minutes\r\n"
                + "u1,150000,25.5,5.0,10\r\n"
                + "\r\n"
                + "\"u,2\",\"9\"\"0\",\"multi\r\nline\",,\n"
                + "\n"
                + "u3,1e5,-0,+3.5,\"\"\r"
                + "\"a\rb\",\"\",\"x\"\"\"\"\",Zürich,\"\n\"\r\n"
                + "last,1,2,3,4").utf8)

    static let everythingRecords = [
        ParsedRecord(line: 1, fields: ["userId", "score", "age", "startSpeed", "duration_minutes"]),
        ParsedRecord(line: 2, fields: ["u1", "150000", "25.5", "5.0", "10"]),
        ParsedRecord(line: 4, fields: ["u,2", "9\"0", "multi\r\nline", "", ""]),
        ParsedRecord(line: 7, fields: ["u3", "1e5", "-0", "+3.5", ""]),
        ParsedRecord(line: 8, fields: ["a\rb", "", "x\"\"", "Zürich", "\n"]),
        ParsedRecord(line: 11, fields: ["last", "1", "2", "3", "4"]),
    ]

    @Test func readsEverythingInOneChunk() throws {
        #expect(try parseCSV(Self.everything) == Self.everythingRecords)
    }

    @Test func givesTheSameRecordsWhereverTheInputIsSplit() throws {
        let input = Self.everything
        for cut in 0...input.count {
            #expect(try parseCSV(input, chunkSizes: [cut]) == Self.everythingRecords, "split at \(cut)")
        }
        for first in stride(from: 0, through: input.count, by: 7) {
            for second in 0...(input.count - first) {
                #expect(try parseCSV(input, chunkSizes: [first, second]) == Self.everythingRecords)
            }
        }
    }

    @Test func givesTheSameRecordsInOneByteChunks() throws {
        let input = Self.everything
        let ones = [Int](repeating: 1, count: input.count)
        #expect(try parseCSV(input, chunkSizes: ones) == Self.everythingRecords)
        // Empty chunks in between change nothing either.
        var parser = CSVParser()
        var records: [ParsedRecord] = []
        let collect = { (record: CSVRecord) in records.append(ParsedRecord(line: record.line, fields: record.strings)) }
        for byte in input {
            try parser.feed([UInt8](), collect)
            try parser.feed([byte], collect)
        }
        try parser.finish(collect)
        #expect(records == Self.everythingRecords)
    }

    @Test func acceptsAnyCollectionOfBytes() throws {
        var parser = CSVParser()
        var fields: [[String]] = []
        try parser.feed("a,b\n".utf8) { fields.append($0.strings) }
        try parser.feed(Array("c,d\n".utf8).lazy.map { $0 }) { fields.append($0.strings) }
        try parser.finish { fields.append($0.strings) }
        #expect(fields == [["a", "b"], ["c", "d"]])
    }

    @Test func resetsAfterFinishing() throws {
        var parser = CSVParser()
        var records: [ParsedRecord] = []
        let collect = { (record: CSVRecord) in records.append(ParsedRecord(line: record.line, fields: record.strings)) }
        try parser.feed(Array("\na\nb".utf8), collect)
        try parser.finish(collect)
        try parser.feed([0xEF, 0xBB, 0xBF] + Array("c".utf8), collect)
        try parser.finish(collect)
        #expect(
            records == [
                ParsedRecord(line: 2, fields: ["a"]), ParsedRecord(line: 3, fields: ["b"]),
                ParsedRecord(line: 1, fields: ["c"]),
            ])
    }

    @Test func recordsKeptAfterTheCallbackStayIntact() throws {
        var parser = CSVParser()
        var kept: [CSVRecord] = []
        try parser.feed(Array("a,b\nc,d\n\"e\",f".utf8)) { kept.append($0) }
        try parser.finish { kept.append($0) }
        #expect(kept.map(\.strings) == [["a", "b"], ["c", "d"], ["e", "f"]])
    }

    @Test func passesOnTheCallbacksError() {
        struct Stop: Error {}
        var parser = CSVParser()
        #expect(throws: Stop.self) {
            try parser.feed(Array("a\nb\n".utf8)) { _ in throw Stop() }
        }
    }

    // MARK: - Malformed input

    struct BadInput: Sendable, CustomTestStringConvertible {
        let text: String
        let kind: CSVError.Kind
        let line: Int
        let mentions: String
        var testDescription: String { text.debugDescription }
    }

    static let badInputs = [
        BadInput(text: "a,b\nc,d\"e\n", kind: .quoteInUnquotedField, line: 2, mentions: "field 2"),
        BadInput(text: "h\n\n\nab\"", kind: .quoteInUnquotedField, line: 4, mentions: "field 1"),
        BadInput(text: "h\n\"x\ny\",z\"\n", kind: .quoteInUnquotedField, line: 3, mentions: "field 2"),
        BadInput(text: "a\n\"b\"c,d\n", kind: .characterAfterClosingQuote, line: 2, mentions: "'c'"),
        BadInput(text: "a,\"b\" \n", kind: .characterAfterClosingQuote, line: 1, mentions: "field 2"),
        BadInput(text: "a\nb\n\"never\nclosed\n", kind: .unterminatedQuotedField, line: 3, mentions: "never closed"),
        BadInput(text: "a,\"b\"\"", kind: .unterminatedQuotedField, line: 1, mentions: "field 2"),
        BadInput(text: "\"", kind: .unterminatedQuotedField, line: 1, mentions: "field 1"),
    ]

    @Test(arguments: badInputs)
    func reportsMalformedInputWithItsLine(_ bad: BadInput) {
        let input = Array(bad.text.utf8)
        for chunkSizes in [[], [1], [input.count / 2], [Int](repeating: 1, count: input.count)] {
            let error = csvError(input, chunkSizes: chunkSizes)
            #expect(error?.kind == bad.kind)
            #expect(error?.line == bad.line)
            #expect(error?.message.contains(bad.mentions) == true, "\(String(describing: error))")
            #expect(error?.description.hasPrefix("line \(bad.line): ") == true)
        }
    }

    @Test func refusesARecordLargerThanTheLimit() throws {
        var parser = CSVParser(maximumRecordSize: 16)
        let error = #expect(throws: CSVError.self) {
            try parser.feed(Array("ok\n\"open quote\nand then".utf8)) { _ in }
            try parser.feed(Array(" more and more\n".utf8)) { _ in }
        }
        #expect(error?.kind == .recordTooLarge)
        #expect(error?.line == 2)
        #expect(error?.message.contains("quote opened on line 2") == true)

        var many = CSVParser(maximumRecordSize: 16)
        #expect(throws: CSVError.self) {
            try many.feed(Array(String(repeating: ",", count: 20).utf8)) { _ in }
        }
        var fits = CSVParser(maximumRecordSize: 16)
        var count = 0
        try fits.feed(Array("0123456789,1234\n".utf8)) { count += $0.count }
        #expect(count == 2)
    }
}
