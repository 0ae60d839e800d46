// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "sphery-engine",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "GaussianMixture", targets: ["GaussianMixture"]),
        .library(name: "MotivationEngine", targets: ["MotivationEngine"]),
        .executable(name: "sphery-engine", targets: ["sphery-engine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "GaussianMixture"),
        .target(
            name: "MotivationEngine",
            dependencies: ["GaussianMixture"],
            resources: [.process("Resources")]
        ),
        .executableTarget(
            name: "sphery-engine",
            dependencies: [
                "GaussianMixture",
                "MotivationEngine",
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
            name: "SpheryEngineTests",
            dependencies: ["sphery-engine"]
        ),
    ]
)
