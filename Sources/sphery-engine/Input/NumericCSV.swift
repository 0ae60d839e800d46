import CSV
import Foundation
import GaussianMixture

/// Reads chosen numeric columns of a CSV file with a header row into a `Matrix`.
enum NumericCSV {
    /// A problem with the file, naming the line and column at fault.
    struct ReadError: Error, CustomStringConvertible {
        let description: String
    }

    /// - Parameters:
    ///   - path: the CSV file; its first line names the columns.
    ///   - columns: the columns to read, in the order wanted.
    /// - Returns: one matrix row per data line.
    /// - Throws: `ReadError` for a missing file or column, or a value that is not a finite number.
    static func read(path: String, columns: [String]) throws -> Matrix {
        // Read whole: CSV.swift's stream reader reports a spurious error at end of file on Linux.
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ReadError(description: "cannot read CSV file '\(path)' (missing, unreadable or not UTF-8)")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw ReadError(description: "\(path): not a readable CSV file (\(error))")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        let indices = try columns.map { name in
            guard let index = header.firstIndex(of: name) else {
                throw ReadError(
                    description: "\(path): no column '\(name)'; the header has: \(header.joined(separator: ", "))")
            }
            return index
        }
        var values: [Double] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.count == 1, row[0].isEmpty { continue }  // a blank line
            for (name, index) in zip(columns, indices) {
                let text = index < row.count ? row[index].trimmingCharacters(in: .whitespaces) : ""
                guard let value = Double(text), value.isFinite else {
                    let shown = text.isEmpty ? "an empty value" : "'\(text)'"
                    throw ReadError(description: "\(path), line \(line), column '\(name)': \(shown) is not a finite number")
                }
                values.append(value)
            }
        }
        if let error = reader.error {
            throw ReadError(description: "\(path), near line \(line): \(error)")
        }
        return try Matrix(rows: values.count / max(1, columns.count), columns: columns.count, values: values)
    }
}
