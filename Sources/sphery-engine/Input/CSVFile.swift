import Foundation
import MotivationEngine
import PlayerCSV

/// A file that cannot be read or written, with its path and, for bad content, the line.
struct FileError: Error, CustomStringConvertible {
    let description: String
}

/// Streams a CSV file from disk through `CSVParser`, 64 KiB at a time, so a file of any size
/// is read in constant memory.
enum CSVFile {
    /// Calls `header` with the first record, then `rows` with the records of each chunk read,
    /// in order, at least `batch` at a time (fewer only at the end).
    /// - Throws: `FileError` for a missing file, an empty file or malformed CSV (errors thrown by
    ///   the callbacks are passed on).
    static func stream(
        path: String, batch: Int = 1, header: (CSVHeader) throws -> Void, rows: ([CSVRecord]) async throws -> Void
    ) async throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FileError(description: "cannot read CSV file '\(path)'")
        }
        defer { try? handle.close() }
        var parser = CSVParser()
        var sawHeader = false
        var pending: [CSVRecord] = []
        let collect: (CSVRecord) throws -> Void = { record in
            if sawHeader {
                pending.append(record)
            } else {
                sawHeader = true
                try header(CSVHeader(record))
            }
        }
        do {
            while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                try parser.feed(chunk, collect)
                if pending.count >= batch {
                    try await rows(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            try parser.finish(collect)
        } catch let error as CSVError {
            throw FileError(description: "\(path), \(error)")
        }
        guard sawHeader else { throw FileError(description: "\(path) is empty: expected a header line") }
        if !pending.isEmpty { try await rows(pending) }
    }
}
