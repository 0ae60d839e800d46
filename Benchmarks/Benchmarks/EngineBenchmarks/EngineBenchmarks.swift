// Benchmarks of the motivational engine: training one segment, one analysis in process, and
// batch scoring of CSV rows (parse, analyse, write, in memory).
//
//     cd Benchmarks && swift package -c release benchmark --target EngineBenchmarks
//
// The end-to-end `sphery-engine batch` command on a 10^6-row file is timed by
// `batch_cli.sh` (file reading and writing included).
import PlayerCSV
import Benchmark
import Dispatch
import Foundation
import GaussianMixture
import MotivationEngine

/// 945 players (the original data's size) with 1 to 8 workouts each, in four levels.
let workouts: [PlayerRecord] = {
    var generator = SeededGenerator(seed: 7)
    func normal() -> Double {
        let u = max(generator.nextUnit(), 1e-300), v = generator.nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
    let levels: [(share: Double, score: Double, spread: Double, age: Double, speed: Double)] = [
        (0.35, 60_000, 12_000, 38, 3.8), (0.30, 100_000, 14_000, 32, 4.6),
        (0.22, 140_000, 15_000, 28, 5.4), (0.13, 185_000, 16_000, 25, 6.3),
    ]
    var records: [PlayerRecord] = []
    var player = 0
    for level in levels {
        for _ in 0..<Int((945 * level.share).rounded()) {
            let skill = level.score + level.spread * normal(), age = level.age + 7 * normal()
            let speed = level.speed + 0.4 * normal()
            for _ in 0..<(1 + Int(generator.nextUnit() * 8)) {
                records.append(PlayerRecord(
                    userId: String(player), score: max(0, skill * (1 + 0.06 * normal())), age: age,
                    startSpeed: max(0.5, speed + 0.15 * normal()), durationMinutes: 10))
            }
            player += 1
        }
    }
    return records
}()

let segment = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10)
let engine = SegmentEngine(model: try! SegmentTrainer().train(workouts, segment: segment))
let registry = ModelRegistry(engines: [segment: engine])

/// Players to analyse: a spread of scores, ages and speeds, each with an id.
let inputs: [AnalysisInput] = (0..<1_000).map { (i: Int) -> AnalysisInput in
    let score: Double = 30_000 + Double(i) * 190
    let age: Double = 18 + Double(i % 45)
    let speed: Double = 3.5 + Double(i % 30) / 10
    return AnalysisInput(score: score, age: age, startSpeed: speed, userId: String(i))
}

/// 10^6 player rows as CSV bytes (about 30 MB).
let csv: [UInt8] = {
    var writer = CSVWriter()
    writer.write(fields: ["userId", "score", "age", "startSpeed", "duration_minutes"])
    for row in 0..<1_000_000 {
        let input = inputs[row % inputs.count]
        writer.append(row)
        writer.append((input.score + Double(row % 997)).rounded())
        writer.append(input.age!)
        writer.append(input.startSpeed!)
        writer.append(10)
        writer.endRecord()
    }
    return writer.take()
}()

enum Metrics {
    /// Nanoseconds per analysis (wall clock of a batch of analyses / their count).
    static let nanosecondsPerAnalysis = BenchmarkMetric.custom(
        "ns per analysis", polarity: .prefersSmaller, useScalingFactor: false)
    /// CSV rows scored per second.
    static let rowsPerSecond = BenchmarkMetric.custom("rows/s", polarity: .prefersLarger, useScalingFactor: false)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal], timeUnits: .microseconds, warmupIterations: 1,
        maxDuration: .seconds(20), maxIterations: 20)

    Benchmark(
        "Train 945-player segment (k=4, nInit 5)",
        configuration: .init(maxIterations: 30, setup: { _ = workouts.count })
    ) { _ in
        blackHole(try SegmentTrainer().train(workouts, segment: segment))
    }

    Benchmark(
        "Analyze one player (in process)",
        configuration: .init(
            metrics: [.wallClock, Metrics.nanosecondsPerAnalysis], maxIterations: 50, setup: { _ = engine.model.id })
    ) { benchmark in
        let start = DispatchTime.now().uptimeNanoseconds
        for input in inputs { blackHole(try engine.analyze(input)) }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        benchmark.measurement(Metrics.nanosecondsPerAnalysis, Int(elapsed) / inputs.count)
    }

    Benchmark(
        "Batch 10^6 CSV rows in memory (parse, analyse, write; all cores)",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .peakMemoryResident, Metrics.rowsPerSecond], maxIterations: 5,
            setup: { _ = csv.count })
    ) { benchmark in
        let start = DispatchTime.now().uptimeNanoseconds
        var parser = CSVParser()
        var scorer: BatchScorer?
        var pending: [CSVRecord] = []
        var written = 0
        let parts = 2
        for offset in stride(from: 0, to: csv.count, by: 1 << 16) {
            try parser.feed(csv[offset..<min(offset + (1 << 16), csv.count)]) { record in
                if scorer == nil {
                    scorer = try BatchScorer(registry: registry, header: CSVHeader(record), defaults: .init(), language: .en)
                } else {
                    pending.append(record)
                }
            }
            if pending.count >= 16_384 {
                written += await scorer!.score(pending, parts: parts).bytes.count
                pending.removeAll(keepingCapacity: true)
            }
        }
        try parser.finish { pending.append($0) }
        written += await scorer!.score(pending, parts: parts).bytes.count
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        benchmark.measurement(Metrics.rowsPerSecond, Int(1e9 * 1e6 / Double(elapsed)))
        blackHole(written)
    }
}
