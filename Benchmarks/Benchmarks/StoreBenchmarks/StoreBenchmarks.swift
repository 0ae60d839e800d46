// Benchmarks of the player database: looking a player up (latest workout, personal best,
// trend) on SQLite and PostgreSQL. They need a demo database with 10^6 workouts:
//
//     .build/release/sphery-engine demo-data --db /tmp/sphery-bench.sqlite --users 200000
//     .build/release/sphery-engine demo-data --db "$POSTGRES_URL" --users 200000
//     SPHERY_BENCH_SQLITE=/tmp/sphery-bench.sqlite SPHERY_BENCH_POSTGRES_URL="$POSTGRES_URL" \
//         swift package -c release benchmark --target StoreBenchmarks
//
// A backend whose variable is not set is left out.
import Benchmark
import Dispatch
import Foundation
import MotivationEngine
import PlayerStore
import SQLKit

let segment = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10)
let environment = ProcessInfo.processInfo.environment
let locations: [(String, DatabaseLocation)] = [
    ("SQLite", environment["SPHERY_BENCH_SQLITE"].map { DatabaseLocation.sqlite(path: $0) }),
    ("PostgreSQL", environment["SPHERY_BENCH_POSTGRES_URL"].map { DatabaseLocation.postgres(url: $0) }),
].compactMap { name, location in location.map { (name, $0) } }

enum Metrics {
    /// Microseconds per lookup.
    static let microsecondsPerLookup = BenchmarkMetric.custom(
        "us per lookup", polarity: .prefersSmaller, useScalingFactor: false)
    /// Microseconds per look-up and analysis, by policy.
    static let cohortMicroseconds = BenchmarkMetric.custom("us, cohort", polarity: .prefersSmaller, useScalingFactor: false)
    static let personalMicroseconds = BenchmarkMetric.custom("us, personal", polarity: .prefersSmaller, useScalingFactor: false)
}

/// Up to 2,000 players with completed DualFlow/-1/10 workouts.
@Sendable func segmentPlayers(_ db: any SQLDatabase) async throws -> [Int] {
    try await db.raw(
        #"SELECT DISTINCT w."userId" AS id FROM "Workouts" w JOIN "RaceConfigs" rc ON rc."workoutId" = w.id WHERE rc."gameMode" = 'DualFlow' AND rc.difficulty = -1 AND rc.duration = 600 AND w."completedWorkout" = \#(true) ORDER BY 1 LIMIT 2000"#
    ).all().map { try $0.decode(column: "id", as: Int.self) }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, Metrics.microsecondsPerLookup], timeUnits: .microseconds, warmupIterations: 1,
        maxDuration: .seconds(30), maxIterations: 20)

    for (name, location) in locations {
        Benchmark("Player lookup, \(name) (DualFlow/-1/10, trend over 10 workouts)") { benchmark in
            let microseconds = try await PlayerDatabase.with(location) { db in
                let queries = PlayerQueries(db)
                // The players of the segment, then 200 lookups spread over them.
                let players = try await segmentPlayers(db)
                var timings: [Int] = []
                for index in stride(from: 0, to: players.count, by: max(1, players.count / 200)) {
                    let start = DispatchTime.now().uptimeNanoseconds
                    blackHole(try await queries.history(user: players[index], in: segment))
                    timings.append(Int(DispatchTime.now().uptimeNanoseconds - start) / 1_000)
                }
                return timings
            }
            for value in microseconds { benchmark.measurement(Metrics.microsecondsPerLookup, value) }
        }

        // What the personal policy adds to a look-up: the player route's whole work (look-up and
        // analysis) under `cohort` and under `personal` for the same player, the order swapped
        // player by player (the second look-up of a player finds the pages cached). The model is
        // trained once, in the setup, not in every iteration.
        Benchmark(
            "Player lookup + analysis, \(name): cohort and personal",
            configuration: .init(metrics: [.wallClock, Metrics.cohortMicroseconds, Metrics.personalMicroseconds]),
            closure: { benchmark, engine in
                let (cohort, personal) = try await PlayerDatabase.with(location) { db in
                    let queries = PlayerQueries(db)
                    let players = try await segmentPlayers(db)
                    var cohort: [Int] = [], personal: [Int] = [], differences: [Int] = []
                    for (turn, index) in stride(from: 0, to: players.count, by: max(1, players.count / 200)).enumerated() {
                        var pair: [TargetPolicyKind: Int] = [:]
                        for policy in turn % 2 == 0 ? [TargetPolicyKind.cohort, .personal] : [.personal, .cohort] {
                            let start = DispatchTime.now().uptimeNanoseconds
                            let history = try await queries.history(user: players[index], in: segment)
                            blackHole(try engine.analyzeRecorded(history.analysisInput(policy: policy)))
                            pair[policy] = Int(DispatchTime.now().uptimeNanoseconds - start) / 1_000
                        }
                        cohort.append(pair[.cohort]!)
                        personal.append(pair[.personal]!)
                        differences.append(pair[.personal]! - pair[.cohort]!)
                    }
                    let median = { (values: [Int]) in values.sorted()[values.count / 2] }
                    // The metrics hold no negative values, so the paired difference is printed.
                    print("\(name): paired difference (personal − cohort), median \(median(differences)) µs")
                    return (cohort, personal)
                }
                for value in cohort { benchmark.measurement(Metrics.cohortMicroseconds, value) }
                for value in personal { benchmark.measurement(Metrics.personalMicroseconds, value) }
            },
            setup: {
                try await PlayerDatabase.with(location) { db in
                    SegmentEngine(model: try SegmentTrainer().train(try await PlayerQueries(db).workouts(in: segment), segment: segment))
                }
            })

        // As the HTTP service looks players up: through the pool (a prepared statement on PostgreSQL).
        Benchmark("Player lookup, \(name), pooled as the service does") { benchmark in
            let pool = try DatabasePool(location, connectionsPerLoop: 1)
            let players = try await pool.withDatabase(segmentPlayers)
            for index in stride(from: 0, to: players.count, by: max(1, players.count / 200)) {
                let start = DispatchTime.now().uptimeNanoseconds
                blackHole(try? await pool.withQueries { try await $0.history(user: players[index], in: segment) })
                benchmark.measurement(Metrics.microsecondsPerLookup, Int(DispatchTime.now().uptimeNanoseconds - start) / 1_000)
            }
            await pool.shutdown()
        }
    }
}
