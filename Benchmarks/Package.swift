// swift-tools-version:6.2
//
// Benchmarks for the `GaussianMixture` library and the motivational engine, kept in their own package so that the
// main package does not depend on ordo-one/benchmark. Run from this folder:
//
//     swift package -c release benchmark
//
// See ../BENCHMARKS.md for the results and the scikit-learn comparison (compare_sklearn.py).
import PackageDescription

let package = Package(
    name: "sphery-engine-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Deterministic player-like data shared by the benchmark targets.
        .target(
            name: "PlayerData",
            dependencies: [.product(name: "GaussianMixture", package: "main")],
            path: "Sources/PlayerData"
        ),
        .executableTarget(
            name: "MixtureBenchmarks",
            dependencies: [
                "PlayerData",
                .product(name: "GaussianMixture", package: "main"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MixtureBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "GaussianMixture", package: "main"),
                .product(name: "MotivationEngine", package: "main"),
                .product(name: "PlayerCSV", package: "main"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "StoreBenchmarks",
            dependencies: [
                .product(name: "MotivationEngine", package: "main"),
                .product(name: "PlayerStore", package: "main"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/StoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ReportBenchmarks",
            dependencies: [
                .product(name: "DemoData", package: "main"),
                .product(name: "ExperimentReport", package: "main"),
                .product(name: "MotivationEngine", package: "main"),
                .product(name: "PlayerStore", package: "main"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ReportBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
