import EngineServer
import Foundation
import MotivationEngine

/// The monitoring page (`/monitoring`): what this process served per segment against what the
/// model was trained on (population stability index over the clusters, a warning above 0.2),
/// and requests, latency and analyses per minute over the last hour.
struct MonitoringPage: DashboardPage {
    /// The page's template.
    static let template = "monitoring"

    let title = "Monitoring"
    let monitoringPage = true
    let since: String
    let segments: [SegmentRow]
    let requestsChart: String
    let latencyChart: String
    let analysesChart: String

    /// Analyses needed before a drift figure means anything.
    static let minimumAnalyses = 50
    /// The stability index above which a segment is shifting, and above which it has changed (a warning).
    static let shifting = 0.1, changed = 0.2

    struct SegmentRow {
        let name: String
        let segment: String
        let analyses: Int
        let stability: String
        let verdict: String
        let warning: Bool
        let clusters: [ClusterShare]
        /// The index over a trailing window, minute by minute (empty when never enough data).
        let drift: String
        /// Whether `drift` has a chart (templates see stored properties only).
        let hasDrift: Bool
    }

    /// Minutes in the trailing window of the drift chart.
    static let window = 10

    struct ClusterShare {
        let label: String
        let trained: String
        let served: String
    }

    init(models: LoadedModels, serving: ServingStatistics, now: Date = Date()) {
        since = DashboardFormatting.date(serving.startedAt)
        let counts = serving.clusterCounts
        let hour = serving.lastHour(now: now).map(\.bucket)
        segments = models.registry.modelsByName.compactMap { model in
            guard let served = counts[model.segment] else { return nil }
            let total = served.values.reduce(0, +)
            let (actual, index) = Self.stability(model, served: model.clusters.indices.map { served[$0] ?? 0 }, total: total)
            let enough = total >= Self.minimumAnalyses
            let drift = Self.driftChart(model, hour: hour)
            return SegmentRow(
                name: model.segment.fileStem, segment: model.segment.description, analyses: total,
                stability: enough ? String(format: "%.3f", index) : "—",
                verdict: !enough
                    ? "fewer than \(Self.minimumAnalyses) analyses"
                    : index > Self.changed ? "changed: retrain or investigate" : index > Self.shifting ? "shifting" : "stable",
                warning: enough && index > Self.changed,
                clusters: model.clusters.map { cluster in
                    ClusterShare(
                        label: cluster.label, trained: DashboardFormatting.percent(cluster.share),
                        served: DashboardFormatting.percent(actual[cluster.cluster]))
                },
                drift: drift, hasDrift: !drift.isEmpty)
        }
        requestsChart = TimeSeriesChart.svg(hour.map { Double($0.requests) }, title: "Requests per minute", yTitle: "requests per minute")
        latencyChart = TimeSeriesChart.svg(
            hour.map { $0.requests > 0 ? $0.latencySeconds / Double($0.requests) * 1000 : 0 }, title: "Mean latency per minute",
            yTitle: "mean latency (ms)")
        analysesChart = TimeSeriesChart.svg(hour.map { Double($0.analyses) }, title: "Analyses per minute", yTitle: "analyses per minute")
    }

    /// The stability index of the trailing `window` minutes at every minute of the hour, where
    /// that window holds enough analyses; "" when no minute does.
    static func driftChart(_ model: SegmentModel, hour: [ServingStatistics.Bucket]) -> String {
        let values: [Double?] = hour.indices.map { end in
            var counts = [Int](repeating: 0, count: model.clusters.count)
            for bucket in hour[max(0, end - window + 1)...end] {
                for (cluster, count) in bucket.clusters[model.segment] ?? [:] where cluster < counts.count { counts[cluster] += count }
            }
            let total = counts.reduce(0, +)
            guard total >= minimumAnalyses else { return nil }
            return stability(model, served: counts, total: total).index
        }
        guard values.contains(where: { $0 != nil }) else { return "" }
        return TimeSeriesChart.svg(
            values, title: "Stability index over the last \(window) minutes, \(model.segment)", yTitle: "stability index",
            threshold: changed)
    }

    /// The served shares of `model`'s clusters (`served` analyses per cluster, of `total`) and
    /// their stability index against the shares it was trained on.
    private static func stability(_ model: SegmentModel, served: [Int], total: Int) -> (shares: [Double], index: Double) {
        let shares = served.map { Double($0) / Double(max(1, total)) }
        return (shares, PopulationStability.index(expected: model.clusters.map(\.share), actual: shares))
    }
}
