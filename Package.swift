// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "sphery-engine",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "GaussianMixture", targets: ["GaussianMixture"]),
        .executable(name: "sphery-engine", targets: ["sphery-engine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .target(name: "GaussianMixture"),
        .executableTarget(
            name: "sphery-engine",
            dependencies: [
                "GaussianMixture",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .testTarget(
            name: "GaussianMixtureTests",
            dependencies: ["GaussianMixture"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SpheryEngineTests",
            dependencies: ["sphery-engine"]
        ),
    ]
)
