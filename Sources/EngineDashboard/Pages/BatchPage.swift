import EngineServer
import Foundation
import Hummingbird
import MotivationEngine
import PlayerCSV

/// The batch page (`/batch`): a CSV uploaded through a form, a preview of the scored rows, a
/// summary (players per cluster, rows rejected and why) and the scored file to download (as a
/// `data:` link, so the service keeps nothing between requests).
struct BatchPage: DashboardPage {
    /// The page's template.
    static let template = "batch"

    let title = "Batch scoring"
    let batchPage = true
    let maximumMegabytes: String
    var segments: [PlayerPage.SegmentOption]
    var languages: [PlayerPage.LanguageOption]
    var error: String?
    var result: Result?

    struct Result {
        let rows: Int
        let scored: Int
        let rejected: Int
        let clusters: [Count]
        let reasons: [Count]
        let header: [String]
        let preview: [[String]]
        let previewCount: Int
        let download: String
    }

    struct Count {
        let name: String
        let count: Int
    }

    /// The rows shown in the preview.
    static let previewRows = 20

    /// The uploaded form.
    struct Upload {
        /// The CSV file's bytes.
        let file: ArraySlice<UInt8>?
        let segment: String?
        let language: String?
    }

    init(registry: ModelRegistry, maximumBytes: Int, segment: String? = nil, language: String? = nil) {
        maximumMegabytes = String(format: "%.0f", Double(maximumBytes) / 1_048_576)
        segments = PlayerPage.segmentOptions(registry, chosen: segment)
        languages = PlayerPage.languageOptions(selected: language)
    }

    /// The summary and preview of a scored file.
    static func result(_ scored: BatchCSV.Scored) throws -> Result {
        var records: [[String]] = []
        var parser = CSVParser()
        try parser.feed(scored.bytes.readableBytesView) { records.append($0.strings) }
        try parser.finish { records.append($0.strings) }
        let header = records.first ?? []
        let body = Array(records.dropFirst())
        let labelColumn = header.firstIndex(of: "cluster_label")
        var clusters: [String: Int] = [:]
        for row in body {
            if let labelColumn, labelColumn < row.count, !row[labelColumn].isEmpty { clusters[row[labelColumn], default: 0] += 1 }
        }
        var reasons: [String: Int] = [:]
        for error in scored.errors { reasons[error.reason, default: 0] += 1 }
        return Result(
            rows: scored.rows, scored: scored.rows - scored.errors.count, rejected: scored.errors.count,
            clusters: clusters.sorted { $0.value > $1.value }.map { Count(name: $0.key, count: $0.value) },
            reasons: reasons.sorted { $0.value > $1.value }.prefix(10).map { Count(name: $0.key, count: $0.value) },
            header: header, preview: Array(body.prefix(previewRows)), previewCount: min(previewRows, body.count),
            download: "data:text/csv;charset=utf-8;base64," + Data(scored.bytes.readableBytesView).base64EncodedString())
    }
}
