import Foundation
import PlayerCSV
import TestSupport
import Testing

/// `CSVRecord.double(at:)` must agree bit for bit with `Double(String)` on decimal numbers.
struct CSVDoubleTests {
    /// What `double(at:)` must return: `Double(String)`'s value for a finite decimal number,
    /// nil for the words and hexadecimal it also accepts.
    static func expected(_ text: String) -> Double? {
        let lowered = text.lowercased()
        guard !lowered.contains("x"), !lowered.contains("n"), let value = Double(text), value.isFinite
        else { return nil }
        return value
    }

    static func expectAgreement(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let parsed = try singleFieldRecord(text).double(at: 0)
        let expected = Self.expected(text)
        #expect(
            parsed?.bitPattern == expected?.bitPattern,
            "\(text.debugDescription): \(String(describing: parsed)) vs \(String(describing: expected))",
            sourceLocation: sourceLocation)
    }

    @Test(
        arguments: [
            ("", nil), (" ", nil), ("1e5", 100_000), ("-0", -0.0), ("+3.5", 3.5), (".5", 0.5),
            ("5.", 5), ("1,5", nil), ("abc", nil), ("inf", nil), ("-inf", nil), ("nan", nil),
            ("NaN", nil), ("infinity", nil), ("0x10", nil), ("0x1p3", nil), (" 1", nil), ("1 ", nil),
            (".", nil), ("-", nil), ("+", nil), ("e5", nil), ("1e", nil), ("1e+", nil), (".e5", nil),
            ("+-1", nil), ("1_000", nil), ("1.2.3", nil), ("1e5.5", nil), ("١", nil), ("1d", nil),
            ("00012", 12), ("1.e5", 100_000), ("1E-3", 0.001), ("-2.5e+2", -250), ("0e999999", 0),
            ("1e400", nil), ("-1e400", nil), ("1e-400", 0), ("1e99999999999999999999", nil),
            ("4.9e-324", .leastNonzeroMagnitude), ("152340", 152_340), ("25.5", 25.5),
        ] as [(String, Double?)])
    func edgeCases(_ text: String, _ value: Double?) throws {
        let parsed = try singleFieldRecord(text).double(at: 0)
        #expect(parsed?.bitPattern == value?.bitPattern)
        try Self.expectAgreement(text)
    }

    @Test func emptyAndQuotedEmptyFieldsAreMissing() throws {
        var parser = CSVParser()
        try parser.feed(Array("1,,\"\",\" 2\",\"3\"\n".utf8)) { record in
            #expect(record.double(at: 0) == 1)
            #expect(record.double(at: 1) == nil)
            #expect(record.isEmpty(at: 1))
            #expect(record.double(at: 2) == nil)
            #expect(record.isEmpty(at: 2))
            #expect(record.double(at: 3) == nil)
            #expect(!record.isEmpty(at: 3))
            #expect(record.double(at: 4) == 3)
        }
    }

    @Test func fastPathBoundaries() throws {
        let texts = [
            "9007199254740992", "9007199254740993", "9007199254740991", "-9007199254740993",
            "9007199254740992e22", "9007199254740992e-22", "1e22", "1e23", "1e-22", "1e-23",
            "123456789012345678", "1234567890123456789", "12345678901234567890",
            "0.1000000000000000055511151231257827", "000000000000000000000001.5",
            "0.000000000000000000000000000001", "1234567890123456789012345678901234567890",
            "9999999999999999999", "18446744073709551615", "18446744073709551616",
            "2.2250738585072011e-308", "2.2250738585072014e-308", "1.7976931348623157e308",
            "1.7976931348623159e308", "2.4703282292062328e-324", "2.4703282292062327e-324",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
            "0." + String(repeating: "0", count: 400) + "1",
            "1" + String(repeating: "0", count: 400) + "e-400",
        ]
        for text in texts { try Self.expectAgreement(text) }
    }

    @Test func randomValuesInManyFormats() throws {
        var generator = SystemRandomNumberGenerator()
        var texts: [String] = []
        for _ in 0..<2_000 {
            let magnitude =
                Double.random(in: 1..<10, using: &generator)
                * pow(10, Double(Int.random(in: -30...30, using: &generator)))
            let value = Bool.random(using: &generator) ? magnitude : -magnitude
            let precision = Int.random(in: 0...17, using: &generator)
            texts.append(value.description)
            texts.append(String(format: "%.\(precision)f", value))
            texts.append(String(format: "%.\(precision)e", value))
            texts.append(String(format: "%.\(precision)G", value))
            texts.append(String(Int.random(in: -10_000_000...10_000_000, using: &generator)))
        }
        for _ in 0..<2_000 {
            // Any finite double, printed in full.
            let value = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            if value.isFinite { texts.append(value.description) }
        }
        #expect(texts.count >= 10_000)
        // One record per value, read back through the parser in 64 KiB chunks.
        let bytes = Array(texts.joined(separator: "\n").utf8)
        var parser = CSVParser()
        var index = 0
        var mismatches: [String] = []
        let check = { (record: CSVRecord) in
            let text = texts[index]
            if record.double(at: 0)?.bitPattern != Self.expected(text)?.bitPattern { mismatches.append(text) }
            index += 1
        }
        for start in stride(from: 0, to: bytes.count, by: 65_536) {
            try parser.feed(bytes[start..<min(start + 65_536, bytes.count)], check)
        }
        try parser.finish(check)
        #expect(index == texts.count)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }
}
