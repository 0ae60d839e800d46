import ArgumentParser
import Foundation
import MotivationEngine
import PlayerStore
import Testing

@testable import sphery_engine

/// `train --publish`, `models list | activate | rollback` and `serve --models registry`'s
/// configuration, on an SQLite registry.
@Suite("train --publish and models")
struct ModelsCommandTests {
    let directory: URL
    let players: String
    let registry: String

    init() throws {
        let files = try EngineCommandsTests()
        directory = files.directory
        players = files.players
        registry = directory.appendingPathComponent("registry.sqlite").path
    }

    func train(_ extra: [String]) async throws {
        try await TrainCommand.parse(
            ["--csv", players, "--game-mode", "DualFlow", "--difficulty", "-1", "--models", directory.appendingPathComponent("m").path]
                + extra
        ).run()
    }

    func versions() async throws -> [PublishedModel] {
        try await PlayerDatabase.with(try DatabaseLocation(registry)) { try await ModelRegistryQuery($0).list() }
    }

    @Test func publishActivateAndRollBack() async throws {
        try await MigrateCommand.parse(["--db", registry]).run()
        try await train(["--publish", "--registry", registry, "--seed", "1"])
        try await train(["--publish", "--registry", registry, "--seed", "2"])
        try await train(["--publish", "--registry", registry, "--seed", "3", "--no-activate"])
        let published = try await versions()
        #expect(published.count == 3)
        #expect(published.filter(\.isActive).count == 1)
        let second = try #require(published.first { $0.isActive })

        try await ModelsCommand.Rollback.parse(["DualFlow_-1_10", "--db", registry]).run()
        let afterRollback = try await versions()
        #expect(afterRollback.first(where: \.isActive)?.id != second.id)
        #expect(afterRollback.first(where: \.isActive)?.publishedAt ?? .distantFuture < second.publishedAt ?? .distantPast)

        let inactive = try #require(afterRollback.first { !$0.isActive && $0.id != second.id })
        try await ModelsCommand.Activate.parse([inactive.id, "--db", registry]).run()
        #expect(try await versions().first(where: \.isActive)?.id == inactive.id)

        let table = RegistryEntry.table(try await versions())
        #expect(table.split(separator: "\n").filter { $0.hasPrefix("*  DualFlow_-1_10-") }.count == 1)
        #expect(table.split(separator: "\n").count == 5)  // header, three versions, the legend
    }

    @Test func mistakesFailWithTheirReason() async throws {
        await #expect(throws: (any Error).self) { try await train(["--publish"]) }  // --csv alone: no registry
        await #expect(throws: (any Error).self) { try await train(["--no-activate"]) }  // without --publish
        let unmigrated = await #expect(throws: ModelRegistryError.self) {
            try await train(["--publish", "--registry", registry])
        }
        #expect(unmigrated?.description.contains("sphery-engine migrate") == true)
        try await MigrateCommand.parse(["--db", registry]).run()
        await #expect(throws: ModelRegistryError.self) { try await ModelsCommand.Activate.parse(["nope", "--db", registry]).run() }
        await #expect(throws: ModelRegistryError.self) {
            try await ModelsCommand.Rollback.parse(["DualFlow_-1_10", "--db", registry]).run()
        }
    }

    @Test func serveTakesTheRegistryFromModelsOrTheEnvironment() throws {
        let option = try ServeCommand.parse(["--models", "registry", "--db", registry]).settings([:])
        #expect(option.modelOrigin == .registry)
        let environment = try ServeCommand.parse([]).settings(["SPHERY_MODELS": "registry", "SPHERY_DB_URL": registry])
        #expect(environment.modelOrigin == .registry)
        #expect(try ServeCommand.parse(["--models", "./registry"]).settings([:]).modelOrigin == .folder)
        #expect(throws: ValidationError.self) { try ServeCommand.parse(["--models", "registry"]).settings([:]) }
        let cached = try ServeCommand.parse(["--models", "registry", "--db", registry, "--model-cache", "/var/cache/m"]).settings([:])
        #expect(cached.modelCache?.path == "/var/cache/m")
        #expect(
            try ServeCommand.parse([]).settings(["SPHERY_MODELS": "registry", "SPHERY_DB_URL": registry, "SPHERY_MODEL_CACHE": "/c"])
                .modelCache?.path == "/c")
        #expect(throws: ValidationError.self) { try ServeCommand.parse(["--model-cache", "/c"]).settings([:]) }
    }
}

/// `--version`: the engine's version, and the commit a release build records.
@Suite("--version")
struct VersionTests {
    @Test func namesTheVersionAndSaysADevelopmentBuildHasNoCommit() {
        let text = BuildVersion.text
        #expect(text.hasPrefix(EngineVersion.current + " ("))
        // `swift test` builds without scripts/release.sh's defines.
        #expect(BuildVersion.commit == nil)
        #expect(text.contains("a development build"))
        #expect(SpheryEngine.configuration.version == text)
    }
}
