import CoreMetrics
import Foundation
import MotivationEngine
import PlayerStore
import Prometheus
import Synchronization

/// The service's metrics, kept in one Prometheus registry and served by `GET /metrics`:
/// requests and their latency per route and status, open connections, analyses per segment and
/// cluster, model age per segment, model reloads, database pool use and the prediction log.
///
/// Metrics are per process; with several replicas Prometheus sums them.
public struct EngineMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory writing into `registry` (bootstrap `MetricsSystem` with it so
    /// that libraries' metrics land there too).
    public let factory: PrometheusMetricsFactory

    static let requestDuration = "sphery_http_request_duration_seconds"

    /// The same counts kept for the monitoring page (per minute, per cluster).
    public let serving = ServingStatistics()

    /// The per-request metrics made so far, by their labels (making one through the factory
    /// costs a registry look-up and the label strings; this is one dictionary look-up).
    private let requests = HandlerCache<RequestKey, (CoreMetrics.Counter, CoreMetrics.Timer)>()
    private let analyses = HandlerCache<AnalysisKey, CoreMetrics.Counter>()
    /// The prediction log's counters by outcome (`queued` is counted on every logged answer).
    private let predictionLogEntries = HandlerCache<String, CoreMetrics.Counter>()

    private struct RequestKey: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    private struct AnalysisKey: Hashable {
        let segment: SegmentKey
        let cluster: Int
    }

    /// Metrics in `registry` (a new one by default, as tests want).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[Self.requestDuration] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        self.factory = factory
    }

    /// Counts one answered request and its latency under its route template (never the raw path,
    /// which would make a series per user).
    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let (counter, timer) = requests.handler(for: RequestKey(route: route, method: method, status: status)) {
            let labels = [("route", route), ("method", method), ("status", String(status))]
            return (
                CoreMetrics.Counter(label: "sphery_http_requests_total", dimensions: labels, factory: factory),
                CoreMetrics.Timer(label: Self.requestDuration, dimensions: labels, factory: factory)
            )
        }
        counter.increment()
        serving.recordRequest(duration: duration)
        let (seconds, attoseconds) = duration.components
        timer.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// Counts one analysis answered for `segment`, in `cluster`.
    func recordAnalysis(segment: SegmentKey, cluster: Int, count: Int = 1) {
        serving.recordAnalyses(segment: segment, cluster: cluster, count: count)
        analyses.handler(for: AnalysisKey(segment: segment, cluster: cluster)) {
            CoreMetrics.Counter(
                label: "sphery_analyses_total", dimensions: [("segment", segment.fileStem), ("cluster", String(cluster))],
                factory: factory)
        }.increment(by: count)
    }

    /// Counts the analyses of a batch, once per segment and cluster.
    func recordAnalyses(_ results: [Result<Analysis, AnalysisError>]) {
        var counts: [AnalysisKey: Int] = [:]
        for case .success(let analysis) in results {
            counts[AnalysisKey(segment: analysis.segment, cluster: analysis.clusterPrediction.cluster), default: 0] += 1
        }
        for (key, count) in counts { recordAnalysis(segment: key.segment, cluster: key.cluster, count: count) }
    }

    /// Counts a model reload by its outcome.
    func recordReload(succeeded: Bool) {
        Counter(label: "sphery_model_reloads_total", dimensions: [("outcome", succeeded ? "ok" : "failed")], factory: factory)
            .increment()
    }

    /// Counts prediction log entries: `queued`, `written`, or `failed` (a write the database refused).
    func recordPredictionLog(_ outcome: String, count: Int = 1) {
        predictionLogEntries.handler(for: outcome) {
            CoreMetrics.Counter(label: "sphery_prediction_log_entries_total", dimensions: [("outcome", outcome)], factory: factory)
        }.increment(by: count)
    }

    /// Sets the open HTTP connections and their limit (on every connection opened or closed).
    func recordConnections(open: Int, maximum: Int) {
        Gauge(label: "sphery_http_connections_open", factory: factory).record(open)
        Gauge(label: "sphery_http_connections_max", factory: factory).record(maximum)
    }

    /// Sets the gauges that are read off the present state just before a scrape.
    func refreshGauges(models: LoadedModels, pool: DatabasePool?, predictionLog: PredictionLog? = nil, now: Date = Date()) {
        Gauge(label: "sphery_models_loaded", factory: factory).record(models.registry.engines.count)
        Gauge(label: "sphery_models_loaded_at_seconds", factory: factory).record(models.loadedAt.timeIntervalSince1970)
        for (segment, engine) in models.registry.engines {
            Gauge(label: "sphery_model_age_seconds", dimensions: [("segment", segment.fileStem)], factory: factory)
                .record(now.timeIntervalSince(engine.model.trainedAt))
            // The shares the model was trained with: with sphery_analyses_total, Prometheus computes
            // the cluster drift (population stability index) across every replica.
            for cluster in engine.model.clusters {
                Gauge(
                    label: "sphery_model_cluster_share", dimensions: [("segment", segment.fileStem), ("cluster", String(cluster.cluster))],
                    factory: factory
                ).record(cluster.share)
            }
        }
        if let pool {
            Gauge(label: "sphery_db_connections_in_use", factory: factory).record(pool.connectionsInUse)
            Gauge(label: "sphery_db_connections_max", factory: factory).record(pool.capacity)
            Gauge(label: "sphery_db_up", factory: factory).record(pool.isDatabaseDown ? 0 : 1)
            Gauge(label: "sphery_db_interrupted_operations", factory: factory).record(pool.interruptedOperations)
        }
        if let predictionLog {
            Gauge(label: "sphery_prediction_log_waiting", factory: factory).record(predictionLog.waitingRecords)
        }
    }

    /// The Prometheus text exposition of every metric.
    func render() -> [UInt8] {
        registry.emitToBuffer()
    }
}

/// Metric handlers by key, made once.
private final class HandlerCache<Key: Hashable & Sendable, Handler: Sendable>: Sendable {
    private let handlers = Mutex<[Key: Handler]>([:])

    func handler(for key: Key, make: () -> Handler) -> Handler {
        handlers.withLock { handlers in
            if let handler = handlers[key] { return handler }
            let handler = make()
            handlers[key] = handler
            return handler
        }
    }
}
