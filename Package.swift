// swift-tools-version:6.2
import PackageDescription

/// What a release build records in the binary (`sphery-engine --version`): `scripts/release.sh`
/// sets SPHERY_GIT_COMMIT and SPHERY_BUILD_DATE, and only the small C target `BuildInfo` is
/// compiled with them (a flag given to every target, such as `-Xcc -D…`, would rebuild the whole
/// package and its dependencies for each new commit). Without them a build says "unknown".
let buildInfo: [CSetting] = ["SPHERY_GIT_COMMIT", "SPHERY_BUILD_DATE"].compactMap { name in
    Context.environment[name].map { CSetting.define(name, to: "\"\($0)\"") }
}

let package = Package(
    name: "sphery-engine",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "GaussianMixture", targets: ["GaussianMixture"]),
        .library(name: "Statistics", targets: ["Statistics"]),
        .library(name: "ExperimentReport", targets: ["ExperimentReport"]),
        .library(name: "PlayerCSV", targets: ["PlayerCSV"]),
        .library(name: "MotivationEngine", targets: ["MotivationEngine"]),
        .library(name: "PlayerStore", targets: ["PlayerStore"]),
        .library(name: "DemoData", targets: ["DemoData"]),
        .library(name: "EngineAPI", targets: ["EngineAPI"]),
        .library(name: "EngineServer", targets: ["EngineServer"]),
        .library(name: "EngineDashboard", targets: ["EngineDashboard"]),
        .executable(name: "sphery-engine", targets: ["sphery-engine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/async-kit", from: "1.22.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "GaussianMixture"),
        .target(name: "BuildInfo", cSettings: buildInfo),
        .target(name: "Statistics"),
        .target(
            name: "MotivationEngine",
            dependencies: ["GaussianMixture", "Statistics"],
            resources: [.process("Resources")]
        ),
        .target(
            name: "ExperimentReport",
            dependencies: ["MotivationEngine", "Statistics"]
        ),
        .target(
            name: "PlayerCSV",
            dependencies: ["MotivationEngine"]
        ),
        .target(
            name: "PlayerStore",
            dependencies: [
                "MotivationEngine",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "DemoData",
            dependencies: [
                "PlayerStore",
                "MotivationEngine",
                "GaussianMixture",
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        .target(
            name: "EngineAPI",
            dependencies: [
                "MotivationEngine",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "EngineServer",
            dependencies: [
                "EngineAPI",
                "MotivationEngine",
                "ExperimentReport",
                "PlayerCSV",
                "PlayerStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            ]
        ),
        .target(
            name: "EngineDashboard",
            dependencies: [
                "EngineServer",
                "GaussianMixture",
                "ExperimentReport",
                "MotivationEngine",
                "PlayerCSV",
                "PlayerStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "sphery-engine",
            dependencies: [
                "BuildInfo",
                "GaussianMixture",
                "MotivationEngine",
                "ExperimentReport",
                "PlayerCSV",
                "PlayerStore",
                "DemoData",
                "EngineAPI",
                "EngineServer",
                "EngineDashboard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "GaussianMixtureTests",
            dependencies: ["GaussianMixture"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "StatisticsTests",
            dependencies: ["Statistics"]
        ),
        .testTarget(
            name: "EngineAPITests",
            dependencies: ["EngineAPI", "MotivationEngine", "TestSupport"]
        ),
        .testTarget(
            name: "PlayerCSVTests",
            dependencies: ["PlayerCSV", "MotivationEngine", "TestSupport"]
        ),
        .testTarget(
            name: "ExperimentReportTests",
            dependencies: ["ExperimentReport", "MotivationEngine", "Statistics", "TestSupport"]
        ),
        .testTarget(
            name: "MotivationEngineTests",
            dependencies: ["MotivationEngine", "EngineAPI", "Statistics", "TestSupport"]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["PlayerCSV", "MotivationEngine", "GaussianMixture"],
            path: "Tests/TestSupport"
        ),
        .target(
            name: "DatabaseTestSupport",
            dependencies: ["PlayerStore", "MotivationEngine", .product(name: "SQLKit", package: "sql-kit")],
            path: "Tests/DatabaseTestSupport"
        ),
        .testTarget(
            name: "PlayerStoreTests",
            dependencies: ["PlayerStore", "MotivationEngine", "DemoData", "DatabaseTestSupport", "TestSupport"]
        ),
        .testTarget(
            name: "DemoDataTests",
            dependencies: ["DemoData", "PlayerStore", "MotivationEngine", "ExperimentReport", "DatabaseTestSupport"]
        ),
        .testTarget(
            name: "EngineServerTests",
            dependencies: [
                "EngineAPI",
                "EngineServer",
                "EngineDashboard",
                "ExperimentReport",
                "PlayerStore",
                "DemoData",
                "TestSupport",
                "DatabaseTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "SpheryEngineTests",
            dependencies: ["sphery-engine", "EngineAPI", "EngineServer", "EngineDashboard", "PlayerStore", "ExperimentReport", "DemoData"]
        ),
    ]
)
