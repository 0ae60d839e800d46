import PlayerCSV
import TestSupport
import Testing

struct CSVWriterTests {
    static func text(_ writer: inout CSVWriter) -> String {
        String(decoding: writer.take(), as: UTF8.self)
    }

    @Test func quotesOnlyWhenNeeded() {
        var writer = CSVWriter()
        writer.write(fields: ["plain", "with space", "a,b", "say \"hi\"", "two\nlines", "cr\r", "", "Zürich"])
        #expect(Self.text(&writer) == "plain,with space,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",,Zürich\n")
    }

    @Test func writesARecordOfOneEmptyFieldAsQuotes() throws {
        var writer = CSVWriter()
        writer.write(fields: [""])
        writer.write(fields: [])
        writer.write(fields: ["", ""])
        let bytes = writer.take()
        #expect(String(decoding: bytes, as: UTF8.self) == "\"\"\n\"\"\n,\n")
        #expect(try parseCSV(bytes).map(\.fields) == [[""], [""], ["", ""]])
    }

    @Test func formatsNumbersCompactly() {
        var writer = CSVWriter()
        for value in [152_340.0, -3, 0, -0.0, 25.5, 0.1, 1e20, 1e-7, -1.5e300, 9_007_199_254_740_992, 9_007_199_254_740_994] {
            writer.append(value)
        }
        writer.append(Double.nan)
        writer.append(Double.infinity)
        writer.append(nil as Double?)
        writer.append(4.5 as Double?)
        writer.append(Int.min)
        writer.append(42)
        writer.endRecord()
        #expect(
            Self.text(&writer) == "152340,-3,0,-0,25.5,0.1,1e+20,1e-07,-1.5e+300,9007199254740992,9.007199254740994e+15,,,,4.5,"
                + "\(Int.min),42\n")
    }

    @Test func endsRecordsWithCRLFWhenAsked() {
        var writer = CSVWriter(lineEnding: .crlf)
        writer.write(fields: ["a", "b"])
        #expect(Self.text(&writer) == "a,b\r\n")
    }

    @Test func flushesInTheMiddleOfARecord() {
        var writer = CSVWriter()
        writer.append("a")
        #expect(writer.byteCount == 1)
        var text = Self.text(&writer)
        #expect(writer.byteCount == 0)
        writer.append("b")
        writer.endRecord()
        writer.append("")
        text += Self.text(&writer)
        writer.endRecord()
        text += Self.text(&writer)
        #expect(text == "a,b\n\"\"\n")
    }

    @Test func copiesFieldsOfARecordRequotingThem() throws {
        var parser = CSVParser()
        var writer = CSVWriter()
        try parser.feed(Array("u1,\"a,b\",\"x\"\"y\",plain,\"\"\n".utf8)) { record in
            for index in 0..<record.count { writer.append(fieldAt: index, of: record) }
            writer.append(1.5)
            writer.endRecord()
        }
        #expect(Self.text(&writer) == "u1,\"a,b\",\"x\"\"y\",plain,,1.5\n")
    }

    @Test func roundTripsRandomFieldsAndNumbers() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "Z", "0", " ", ",", "\"", "\n", "\r", "é", "日", "-", "."]
        var rows: [[String]] = []
        var numbers: [Double] = []
        var writer = CSVWriter()
        for _ in 0..<500 {
            let fields = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                String(
                    (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                        alphabet.randomElement(using: &generator)!
                    })
            }
            let number =
                Bool.random(using: &generator)
                ? Double(Int.random(in: -1_000_000...1_000_000, using: &generator))
                : Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            let finite = number.isFinite ? number : 0.5
            rows.append(fields)
            numbers.append(finite)
            for field in fields { writer.append(field) }
            writer.append(finite)
            writer.endRecord()
        }
        let bytes = writer.take()
        var parser = CSVParser()
        var index = 0
        let check = { (record: CSVRecord) in
            let fields = rows[index]
            #expect(record.count == fields.count + 1)
            #expect(Array(record.strings.prefix(fields.count)) == fields)
            #expect(record.double(at: fields.count)?.bitPattern == numbers[index].bitPattern)
            index += 1
        }
        for start in stride(from: 0, to: bytes.count, by: 97) {
            try parser.feed(bytes[start..<min(start + 97, bytes.count)], check)
        }
        try parser.finish(check)
        #expect(index == rows.count)
    }
}

@Suite("CSVWriter fixed decimals")
struct CSVWriterFixedDecimalsTests {
    @Test(arguments: [
        (0.98456, 4, "0.9846"), (82.5, 1, "82.5"), (100.0, 1, "100"), (0.00004, 4, "0"), (-1.25, 1, "-1.3"),
        (7.0, 0, "7"), (0.1, 4, "0.1"), (1234.5678, 2, "1234.57"), (0.05, 2, "0.05"),
    ])
    func roundsWithoutTrailingZeros(_ value: Double, _ digits: Int, _ expected: String) {
        var writer = CSVWriter()
        writer.append(value, fractionDigits: digits)
        writer.endRecord()
        #expect(String(decoding: writer.take(), as: UTF8.self) == expected + "\n")
    }

    @Test func nonFiniteIsEmpty() {
        var writer = CSVWriter()
        writer.append("a")
        writer.append(Double.nan, fractionDigits: 2)
        writer.endRecord()
        #expect(String(decoding: writer.take(), as: UTF8.self) == "a,\n")
    }
}
