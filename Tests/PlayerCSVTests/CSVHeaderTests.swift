import PlayerCSV
import TestSupport
import Testing

struct CSVHeaderTests {
    static func header(_ text: String) throws -> CSVHeader {
        let records = try parseCSVRecords(text)
        return CSVHeader(try #require(records.first))
    }

    static func parseCSVRecords(_ text: String) throws -> [CSVRecord] {
        var parser = CSVParser()
        var records: [CSVRecord] = []
        try parser.feed(Array(text.utf8)) { records.append($0) }
        try parser.finish { records.append($0) }
        return records
    }

    @Test func findsTrimmedNamesExactly() throws {
        let header = try Self.header("userId, score ,\tage,startSpeed,duration_minutes,extra\n")
        #expect(header.names == ["userId", "score", "age", "startSpeed", "duration_minutes", "extra"])
        #expect(header.index(of: "score") == 1)
        #expect(header.index(of: " age ") == 2)
        #expect(header.index(of: "Score") == nil)
        #expect(header.index(of: "start") == nil)
        #expect(try header.indices(of: ["duration_minutes", "score", "age"]) == [4, 1, 2])
        #expect(try header.index(ofRequired: "extra") == 5)
    }

    @Test func firstOfTwoColumnsWithTheSameNameWins() {
        let header = CSVHeader(names: ["a", "b", "a "])
        #expect(header.index(of: "a") == 0)
    }

    @Test func reportsEveryMissingColumnAndTheColumnsPresent() throws {
        let header = try Self.header("\n\nuserId,Score,age\n")
        #expect(header.line == 3)
        let error = #expect(throws: CSVError.self) {
            try header.indices(of: ["score", "age", "startSpeed"])
        }
        #expect(error?.kind == .missingColumns)
        #expect(error?.line == 3)
        #expect(
            error?.description
                == "line 3: the header lacks the required columns 'score', 'startSpeed'; "
                + "it has 'userId', 'Score', 'age'")

        let single = #expect(throws: CSVError.self) { try header.index(ofRequired: "score") }
        #expect(single?.message.hasPrefix("the header lacks the required column 'score';") == true)
    }
}
