// The retention report over 10^6 workouts and 10^5 exposures, on SQLite and PostgreSQL, as
// `sphery-engine report` builds it (RetentionReporter: the one query, then the report). They
// need a demo database of about 10^6 workouts; the first run adds the exposures
// (BenchmarkExposures):
//
//     .build-release/release/sphery-engine demo-data --db /tmp/sphery-report.sqlite --users 122000
//     .build-release/release/sphery-engine demo-data --db "$POSTGRES_URL" --users 122000
//     SPHERY_BENCH_SQLITE=/tmp/sphery-report.sqlite SPHERY_BENCH_POSTGRES_URL="$POSTGRES_URL" \
//         swift package -c release benchmark --target ReportBenchmarks
//
// A backend whose variable is not set is left out.
import Benchmark
import ExperimentReport
import Foundation
import MotivationEngine
import PlayerStore

let environment = ProcessInfo.processInfo.environment
let locations: [(String, DatabaseLocation)] = [
    ("SQLite", environment["SPHERY_BENCH_SQLITE"].map { DatabaseLocation.sqlite(path: $0) }),
    ("PostgreSQL", environment["SPHERY_BENCH_POSTGRES_URL"].map { DatabaseLocation.postgres(url: $0) }),
].compactMap { name, location in location.map { (name, $0) } }

enum Metrics {
    /// Milliseconds reading the outcomes (the one query, rows decoded).
    static let query = BenchmarkMetric.custom("query (ms)", polarity: .prefersSmaller, useScalingFactor: false)
    /// Milliseconds building the report from them.
    static let building = BenchmarkMetric.custom("report (ms)", polarity: .prefersSmaller, useScalingFactor: false)
}

/// What `sphery-engine report --db URL` does between parsing and printing, with the
/// benchmark's experiments file.
let reporter = RetentionReporter(experiment: BenchmarkExposures.experiment, plan: BenchmarkExposures.plan)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident, Metrics.query, Metrics.building], timeUnits: .milliseconds,
        warmupIterations: 1, maxDuration: .seconds(120), maxIterations: 7)

    for (name, location) in locations {
        Benchmark(
            "Retention report, \(name) (10^5 exposures, 10^6 workouts)",
            closure: { benchmark in
                for _ in benchmark.scaledIterations {
                    let result = try await PlayerDatabase.with(location) { try await reporter.report(from: try await ExposureOutcomeQuery.verified($0)) }
                    benchmark.measurement(Metrics.query, Int(result.query / .milliseconds(1)))
                    benchmark.measurement(Metrics.building, Int(result.building / .milliseconds(1)))
                    blackHole(result.report)
                }
            },
            setup: { try await PlayerDatabase.with(location, BenchmarkExposures.addIfMissing) })
    }
}
