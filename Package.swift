// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "sphery-engine",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "GaussianMixture", targets: ["GaussianMixture"]),
        .library(name: "MotivationEngine", targets: ["MotivationEngine"]),
        .library(name: "PlayerStore", targets: ["PlayerStore"]),
        .executable(name: "sphery-engine", targets: ["sphery-engine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
    ],
    targets: [
        .target(name: "GaussianMixture"),
        .target(
            name: "MotivationEngine",
            dependencies: ["GaussianMixture"],
            resources: [.process("Resources")]
        ),
        .target(
            name: "PlayerStore",
            dependencies: [
                "MotivationEngine",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ]
        ),
        .executableTarget(
            name: "sphery-engine",
            dependencies: [
                "GaussianMixture",
                "MotivationEngine",
                "PlayerStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "GaussianMixtureTests",
            dependencies: ["GaussianMixture"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "MotivationEngineTests",
            dependencies: ["MotivationEngine"]
        ),
        .testTarget(
            name: "PlayerStoreTests",
            dependencies: ["PlayerStore"]
        ),
        .testTarget(
            name: "SpheryEngineTests",
            dependencies: ["sphery-engine"]
        ),
    ]
)
