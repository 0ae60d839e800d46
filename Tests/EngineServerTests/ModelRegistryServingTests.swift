import DatabaseTestSupport
import EngineServer
import Foundation
import HummingbirdTesting
import MotivationEngine
import PlayerStore
import Synchronization
import TestSupport
import Testing

@Suite("Serving the model registry: switching within seconds, never mixing versions")
struct ModelRegistryServingTests {
    static let key = "0123456789abcdef-test"

    /// A registry-serving configuration for `database`, checking the active versions every 0.2 s.
    static func configuration(_ database: TestDatabase) throws -> ServerConfiguration {
        var configuration = ServerConfiguration(modelsDirectory: URL(fileURLWithPath: "/nonexistent"))
        configuration.modelOrigin = .registry
        configuration.database = try database.location
        configuration.reloadInterval = .milliseconds(200)
        configuration.predictionLog = false
        configuration.adminKey = try AdminKey(key)
        return configuration
    }

    static func publish(_ models: [SegmentModel], to database: TestDatabase) async throws {
        try await database.open { db in
            try await EngineSchema.migrate(on: db)
            try await ModelRegistryQuery(db).publish(models, activate: true)
        }
    }

    static func ids(_ client: any TestClientProtocol) async throws -> [String] {
        try await client.execute(uri: "/v1/models", method: .get) { response in
            let models = try #require(try response.json()["models"] as? [[String: Any]])
            return models.compactMap { $0["id"] as? String }.sorted()
        }
    }

    @Test(arguments: TestDatabases.backends)
    func aNewActivationIsServedWithinSeconds(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await Self.publish([Fixtures.versions[0]], to: database)
            try await withServer(try Self.configuration(database)) { client in
                #expect(try await Self.ids(client) == [Fixtures.versions[0].id])
                let clock = ContinuousClock()
                let start = clock.now
                try await Self.publish([Fixtures.versions[1]], to: database)
                var served: [String] = []
                while clock.now - start < .seconds(5) {
                    served = try await Self.ids(client)
                    if served == [Fixtures.versions[1].id] { break }
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(served == [Fixtures.versions[1].id])
                // The analysis answers with the new version.
                try await client.execute(uri: "/v1/analyze", method: .post, body: .text(ServerFixture.expert10)) { response in
                    #expect(response.status == .ok)
                    let model = try #require(try response.json()["model"] as? [String: Any])
                    #expect(model["id"] as? String == Fixtures.versions[1].id)
                }
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func aModelThatDoesNotDecodeIsRefusedAndTheServingOnesStay(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await Self.publish([Fixtures.versions[0]], to: database)
            try await database.open { db in
                try await ModelRegistryQuery(db).publish([Fixtures.versions[1]], activate: false)
                try await db.raw("UPDATE engine_models SET model_json = '{\"format\": 2}' WHERE id = \(bind: Fixtures.versions[1].id)")
                    .run()
            }
            try await withServer(try Self.configuration(database)) { client in
                // Made active behind the registry's back (activate would refuse it).
                try await database.open { db in
                    try await db.raw("UPDATE engine_models SET active = FALSE").run()
                    try await db.raw("UPDATE engine_models SET active = TRUE WHERE id = \(bind: Fixtures.versions[1].id)").run()
                }
                try await Task.sleep(for: .milliseconds(800))  // four checks
                #expect(try await Self.ids(client) == [Fixtures.versions[0].id])
                try await client.execute(
                    uri: "/v1/models/reload", method: .post, headers: [.authorization: "Bearer \(Self.key)"]
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    let message = try response.error().message
                    #expect(message.contains("model \(Fixtures.versions[1].id)"))
                }
                #expect(try await Self.ids(client) == [Fixtures.versions[0].id])
            }
        }
    }

    /// Two segments published together switch together: a reader taking the models while the
    /// registry flips between two sets only ever sees one whole set.
    @Test(arguments: TestDatabases.backends)
    func aSwitchNeverMixesVersions(_ backend: Backend) async throws {
        let first = [Fixtures.versions[0], Fixtures.otherSegment(seed: 1)]
        let second = [Fixtures.versions[1], Fixtures.otherSegment(seed: 2)]
        let sets = Set([first.map(\.id).sorted(), second.map(\.id).sorted()])
        #expect(sets.count == 2)
        try await TestDatabases.with(backend) { database in
            try await Self.publish(first, to: database)
            let service = try await EngineService.load(try Self.configuration(database), logger: ServerFixture.quietLogger)
            let source = try #require(service.models as? RegistryModelSource)
            let seen = Mutex<Set<[String]>>([])
            let reader = Task {
                while !Task.isCancelled {
                    let ids = source.current.registry.engines.values.map(\.model.id).sorted()
                    seen.withLock { _ = $0.insert(ids) }
                    await Task.yield()
                }
            }
            for round in 0..<6 {
                try await Self.publish(round.isMultiple(of: 2) ? second : first, to: database)
                _ = try await source.refresh()
            }
            reader.cancel()
            _ = await reader.value
            await service.pool?.shutdown()
            #expect(seen.withLock { $0 }.isSubset(of: sets))
            #expect(seen.withLock { $0 }.count == 2)
        }
    }

    @Test func startingWithoutADatabaseOrWithAnEmptyRegistrySaysWhatToDo() async throws {
        var configuration = ServerConfiguration(modelsDirectory: URL(fileURLWithPath: "/nonexistent"))
        configuration.modelOrigin = .registry
        await #expect(throws: ServerConfigurationError.registryWithoutDatabase) {
            _ = try await EngineService.load(configuration, logger: ServerFixture.quietLogger)
        }
        #expect(throws: ServerConfigurationError.registryNeedsLoad) {
            _ = try EngineService(configuration, logger: ServerFixture.quietLogger)
        }
        try await TestDatabases.with(.sqlite) { database in
            let registry = try Self.configuration(database)
            try await database.open { db in _ = try await db.raw("SELECT 1").all() }  // the file exists, no tables
            await #expect(throws: ModelRegistryError.self) { _ = try await EngineService.load(registry, logger: ServerFixture.quietLogger) }
            try await database.open { db in try await EngineSchema.migrate(on: db) }
            await #expect(throws: ModelRegistryError.empty) {
                _ = try await EngineService.load(registry, logger: ServerFixture.quietLogger)
            }
        }
    }

    /// With a model cache, a replica that starts while the database is out of reach serves the
    /// models it served last, and follows the registry again once the database answers.
    @Test func aReplicaStartsFromItsCacheWhileTheDatabaseIsAway() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await Self.publish([Fixtures.versions[0]], to: database)
            let cache = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: cache) }
            var configuration = try Self.configuration(database)
            configuration.modelCache = cache
            // A first start reads the registry and fills the cache.
            let first = try await withServer(configuration) { client in try await Self.ids(client) }
            #expect(first == [Fixtures.versions[0].id])
            #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path) == ["DualFlow_-1_10.json"])

            // The database goes away (an SQLite file that is not there is unreachable).
            let file = URL(fileURLWithPath: database.url)
            let aside = file.appendingPathExtension("away")
            try FileManager.default.moveItem(at: file, to: aside)
            var uncached = configuration
            uncached.modelCache = nil
            await #expect(throws: DatabaseError.self) { _ = try await EngineService.load(uncached, logger: ServerFixture.quietLogger) }
            try await withServer(configuration) { client in
                #expect(try await Self.ids(client) == [Fixtures.versions[0].id])
                try await client.execute(uri: "/v1/analyze", method: .post, body: .text(ServerFixture.expert10)) { response in
                    #expect(response.status == .ok)
                }
                // Back, with a new version published meanwhile: the replica follows it.
                try FileManager.default.moveItem(at: aside, to: file)
                try await Self.publish([Fixtures.versions[1]], to: database)
                var served: [String] = []
                for _ in 0..<250 where served != [Fixtures.versions[1].id] {
                    try await Task.sleep(for: .milliseconds(20))
                    served = try await Self.ids(client)
                }
                #expect(served == [Fixtures.versions[1].id])
            }
            // The cache now holds the new version.
            let cached = try ModelFileStore.read(cache.appendingPathComponent("DualFlow_-1_10.json"))
            #expect(cached.id == Fixtures.versions[1].id)
        }
    }
}
