import GaussianMixture
import MotivationEngine
import PlayerCSV

/// Reads chosen numeric columns of a CSV file with a header row into a `Matrix`.
enum NumericCSV {
    /// - Parameters:
    ///   - path: the CSV file; its first line names the columns.
    ///   - columns: the columns to read, in the order wanted.
    /// - Returns: one matrix row per data line.
    /// - Throws: `FileError` for a missing file or column, or a value that is not a finite number.
    static func read(path: String, columns: [String]) async throws -> Matrix {
        var indices: [Int] = []
        var values: [Double] = []
        try await CSVFile.stream(path: path) { header in
            do {
                indices = try header.indices(of: columns)
            } catch {
                throw FileError(description: "\(path), \(error)")
            }
        } rows: { records in
            for record in records {
                try append(record)
            }
        }
        return try Matrix(rows: values.count / columns.count, columns: columns.count, values: values)

        func append(_ record: CSVRecord) throws {
            for (name, index) in zip(columns, indices) {
                guard index < record.count, let value = record.double(at: index), value.isFinite else {
                    let text = index < record.count ? record.string(at: index) : ""
                    let shown = text.isEmpty ? "an empty value" : "'\(text)'"
                    throw FileError(
                        description: "\(path), line \(record.line), column '\(name)': \(shown) is not a finite number")
                }
                values.append(value)
            }
        }
    }
}
