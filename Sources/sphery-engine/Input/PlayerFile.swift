import MotivationEngine
import PlayerCSV

/// A player CSV file read whole into per-segment workout lists (for training and validation).
enum PlayerFile {
    /// The file's records by segment, keeping only segments that `defaults` matches.
    /// - Throws: `FileError` for an unreadable file, a missing column or a row
    ///   whose segment is unknown.
    static func recordsBySegment(path: String, defaults: SegmentDefaults) async throws -> [SegmentKey: [PlayerRecord]] {
        var columns: PlayerColumns?
        var groups: [SegmentKey: [PlayerRecord]] = [:]
        try await CSVFile.stream(path: path) { header in
            do {
                columns = try PlayerColumns(header: header, requiring: Feature.recorded)
            } catch {
                throw FileError(description: "\(path), \(error)")
            }
        } rows: { rows in
            for row in rows { try add(row) }
        }
        return groups

        func add(_ row: CSVRecord) throws {
            let known: SegmentKey?
            do {
                known = try columns!.segment(row, defaults: defaults)
            } catch {
                throw FileError(description: "\(path), line \(row.line): \(error)")
            }
            guard let segment = known else {
                throw FileError(
                    description: "\(path), line \(row.line): the row's segment is unknown; the file needs game_mode "
                        + "and difficulty columns, or give --game-mode and --difficulty")
            }
            if defaults.matches(segment) { groups[segment, default: []].append(columns!.record(row)) }
        }
    }
}
