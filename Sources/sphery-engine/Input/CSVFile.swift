import Foundation
import MotivationEngine

/// A file that cannot be read or written, with its path and, for bad content, the line.
struct FileError: Error, CustomStringConvertible {
    let description: String
}

/// Streams a CSV file from disk through `CSVParser`, 64 KiB at a time, so a file of any size
/// is read in constant memory.
enum CSVFile {
    /// Calls `header` with the first record, then `row` with every other record in order.
    /// - Throws: `FileError` for a missing file, an empty file or malformed CSV (errors thrown by
    ///   the callbacks are passed on).
    static func stream(
        path: String, header: (CSVHeader) throws -> Void, row: (CSVRecord) throws -> Void
    ) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FileError(description: "cannot read CSV file '\(path)'")
        }
        defer { try? handle.close() }
        var parser = CSVParser()
        var sawHeader = false
        let deliver: (CSVRecord) throws -> Void = { record in
            if sawHeader {
                try row(record)
            } else {
                sawHeader = true
                try header(CSVHeader(record))
            }
        }
        do {
            while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                try parser.feed(chunk, deliver)
            }
            try parser.finish(deliver)
        } catch let error as CSVError {
            throw FileError(description: "\(path), \(error)")
        }
        guard sawHeader else { throw FileError(description: "\(path) is empty: expected a header line") }
    }
}
