import PlayerCSV

/// A parsed record reduced to what tests compare: its line and its fields.
public struct ParsedRecord: Equatable, Sendable, CustomStringConvertible {
    /// The record's line, from 1.
    public let line: Int
    /// Its fields.
    public let fields: [String]
    /// `3: ["a", "b"]`.
    public var description: String { "\(line): \(fields)" }

    /// A record of `fields` on `line`.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// Parses `bytes` fed in the given chunks (their sizes, in order; the rest goes in one last
/// chunk), then finishes.
public func parseCSV(_ bytes: [UInt8], chunkSizes: [Int] = []) throws -> [ParsedRecord] {
    var parser = CSVParser()
    var records: [ParsedRecord] = []
    let collect = { (record: CSVRecord) in
        records.append(ParsedRecord(line: record.line, fields: record.strings))
    }
    var offset = 0
    for size in chunkSizes {
        try parser.feed(bytes[offset..<offset + size], collect)
        offset += size
    }
    try parser.feed(bytes[offset...], collect)
    try parser.finish(collect)
    return records
}

/// Parses `text` in one chunk.
public func parseCSV(_ text: String) throws -> [ParsedRecord] {
    try parseCSV(Array(text.utf8))
}

/// The error that parsing `bytes` in the given chunks throws, if any.
public func csvError(_ bytes: [UInt8], chunkSizes: [Int] = []) -> CSVError? {
    do {
        _ = try parseCSV(bytes, chunkSizes: chunkSizes)
        return nil
    } catch {
        return error as? CSVError
    }
}

/// A one-field record holding exactly `text`, read through the parser.
public func singleFieldRecord(_ text: String) throws -> CSVRecord {
    let quoted = "\"" + text.replacing("\"", with: "\"\"") + "\"\n"
    var parser = CSVParser()
    var found: CSVRecord?
    try parser.feed(Array(quoted.utf8)) { found = $0 }
    try parser.finish { found = $0 }
    guard let found else { throw CSVError(.unterminatedQuotedField, line: 0, message: "no record") }
    return found
}
