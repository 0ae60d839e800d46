// Benchmarks of the GaussianMixture library on player-like data (k = 4, d = 4, full covariance).
//
//     cd Benchmarks && swift package -c release benchmark --target MixtureBenchmarks
//
// The data are made once per process (PlayerData, fixed seed) and are not part of any
// measurement: each benchmark's setup touches the data it needs before its iterations.
import Benchmark
import Dispatch
import GaussianMixture
import PlayerData

/// The seed of the generated data (the fits use seed 0, like scikit-learn's `random_state=0`).
let dataSeed: UInt64 = 42

let data10k = PlayerData.matrix(rows: 10_000, seed: dataSeed)
let data100k = PlayerData.matrix(rows: 100_000, seed: dataSeed)
let generated1M = PlayerData.generate(rows: 1_000_000, seed: dataSeed)
let data1M = try! Matrix(rows: 1_000_000, columns: 4, values: generated1M.values)

/// The model that the scoring benchmarks evaluate: the default fit on the 10^6 rows.
let model1M: GaussianMixtureModel = {
    var mixture = GaussianMixture(components: 4, covarianceType: .full)
    mixture.seed = 0
    return try! mixture.fit(data1M).model
}()

enum Metrics {
    /// EM iterations run by the fit (one value per fit).
    static let emIterations = BenchmarkMetric.custom("EM iterations", polarity: .prefersSmaller, useScalingFactor: false)
    /// Wall-clock time of one EM iteration (E-step + M-step) in microseconds: one value per iteration,
    /// taken between consecutive `progress` callbacks (so set-up and initialisation are excluded).
    static let emIterationMicroseconds = BenchmarkMetric.custom(
        "EM iteration (us)", polarity: .prefersSmaller, useScalingFactor: false)
    /// Rows scored per second.
    static let rowsPerSecond = BenchmarkMetric.custom(
        "rows/s", polarity: .prefersLarger, useScalingFactor: false)
}

@inline(__always)
func nowNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .microseconds,
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 10
    )

    // Whole fits with the library defaults (k-means++ + Lloyd initialisation, tol 1e-3,
    // at most 100 iterations, one restart, one thread per core), seed 0.
    for (label, data, iterations) in [("10^4", data10k, 50), ("10^5", data100k, 20), ("10^6", data1M, 7)] {
        Benchmark(
            "Fit \(label) rows (k=4, d=4, full, 2 threads)",
            configuration: .init(
                metrics: Benchmark.defaultConfiguration.metrics + [Metrics.emIterations],
                maxIterations: iterations,
                setup: { _ = data.rows }
            )
        ) { benchmark in
            var mixture = GaussianMixture(components: 4, covarianceType: .full)
            mixture.seed = 0
            let fit = try mixture.fit(data)
            benchmark.measurement(Metrics.emIterations, fit.iterations)
            blackHole(fit)
        }
    }

    // The cost of one EM iteration at 10^6 rows: a fit from fixed labels (the generating
    // levels) with tolerance 0, so that it runs exactly `emIterations` iterations.
    let emIterations = 12
    for threads in [2, 1] {
        Benchmark(
            "EM iteration 10^6 rows (\(threads) thread\(threads == 1 ? "" : "s"))",
            configuration: .init(
                metrics: [.wallClock, .cpuTotal, Metrics.emIterationMicroseconds],
                maxIterations: 5,
                setup: { _ = data1M.rows }
            )
        ) { benchmark in
            var mixture = GaussianMixture(components: 4, covarianceType: .full)
            mixture.initialization = .labels(generated1M.levels)
            mixture.tolerance = 0
            mixture.maxIterations = emIterations
            mixture.threads = threads
            var previous: UInt64 = 0
            let fit = try mixture.fit(data1M) { _ in
                let now = nowNanoseconds()
                if previous != 0 {
                    benchmark.measurement(Metrics.emIterationMicroseconds, Int((now - previous) / 1_000))
                }
                previous = now
            }
            blackHole(fit)
        }
    }

    // Scoring a fitted model on 10^6 rows.
    for threads in [1, 2] {
        let suffix = "10^6 rows (\(threads) thread\(threads == 1 ? "" : "s"))"
        let scoring: Benchmark.Configuration = .init(
            metrics: [.wallClock, .cpuTotal, .mallocCountTotal, Metrics.rowsPerSecond],
            maxIterations: 30,
            setup: { _ = model1M.components }
        )
        Benchmark("predictProbabilities \(suffix)", configuration: scoring) { benchmark in
            let start = nowNanoseconds()
            let probabilities = try model1M.predictProbabilities(data1M, threads: threads)
            let elapsed = nowNanoseconds() - start
            benchmark.measurement(Metrics.rowsPerSecond, Int(1e9 * Double(data1M.rows) / Double(elapsed)))
            blackHole(probabilities)
        }
        Benchmark("scoreSamples \(suffix)", configuration: scoring) { benchmark in
            let start = nowNanoseconds()
            let densities = try model1M.scoreSamples(data1M, threads: threads)
            let elapsed = nowNanoseconds() - start
            benchmark.measurement(Metrics.rowsPerSecond, Int(1e9 * Double(data1M.rows) / Double(elapsed)))
            blackHole(densities)
        }
    }
}
