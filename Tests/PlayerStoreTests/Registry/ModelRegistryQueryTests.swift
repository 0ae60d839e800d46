import DatabaseTestSupport
import Foundation
import MotivationEngine
import PlayerStore
import SQLKit
import TestSupport
import Testing

@Suite("The model registry: publish, list, activate, roll back")
struct ModelRegistryQueryTests {
    static let versions = Fixtures.versions
    static let otherSegment = Fixtures.otherSegment()

    /// Publication times a second apart, so that the order of versions is known.
    static func second(_ n: Int) -> Date { Date(timeIntervalSince1970: 1_800_000_000 + Double(n)) }

    @Test func theVersionsAreDistinct() {
        #expect(Set(Self.versions.map(\.id)).count == 3)
    }

    @Test(arguments: TestDatabases.backends)
    func publishingActivatesTheNewVersionAndKeepsTheOldOne(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                try await EngineSchema.migrate(on: db)
                let registry = ModelRegistryQuery(db)
                #expect(try await registry.publish([Self.versions[0]], activate: true, at: Self.second(1)) == [.published])
                #expect(try await registry.activeIds() == [Self.versions[0].id])
                #expect(try await registry.publish([Self.versions[1]], activate: true, at: Self.second(2)) == [.published])
                #expect(try await registry.activeIds() == [Self.versions[1].id])
                // The same model again (same data, same options): stored once.
                #expect(try await registry.publish([Self.versions[1]], activate: true, at: Self.second(3)) == [.alreadyPublished])

                let listed = try await registry.list()
                #expect(listed.map(\.id) == [Self.versions[1].id, Self.versions[0].id])  // newest first
                #expect(listed.map(\.isActive) == [true, false])
                #expect(listed[0].format == SegmentModel.currentFormat)
                #expect(listed[0].players == Self.versions[1].rows.players)
                #expect(listed[0].publishedAt == Self.second(2))
                #expect(listed[0].trainedAt == Fixtures.trainedAt)
                #expect(listed[0].segment == Fixtures.segment)

                // The active body decodes into the very model that was published.
                let active = try await registry.activeModels()
                #expect(active.map(\.id) == [Self.versions[1].id])
                #expect(try ModelFileStore.encode(active[0]) == ModelFileStore.encode(Self.versions[1]))
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func rollbackBringsBackTheVersionPublishedBefore(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                try await EngineSchema.migrate(on: db)
                let registry = ModelRegistryQuery(db)
                for (index, model) in Self.versions.enumerated() {
                    try await registry.publish([model], activate: true, at: Self.second(index))
                }
                try await registry.publish([Self.otherSegment], activate: true, at: Self.second(9))
                let name = Fixtures.segment.fileStem

                #expect(try await registry.rollback(segment: name, at: Self.second(10)).id == Self.versions[1].id)
                #expect(try await registry.rollback(segment: name, at: Self.second(11)).id == Self.versions[0].id)
                await #expect(throws: ModelRegistryError.noEarlierVersion(segment: name, active: Self.versions[0].id)) {
                    try await registry.rollback(segment: name)
                }
                // The other segment was never touched.
                #expect(try await registry.activeIds() == [Self.otherSegment.id, Self.versions[0].id].sorted())
                // Activating by id goes forward again.
                let activated = try await registry.activate(Self.versions[2].id, at: Self.second(12))
                #expect(activated.isActive && activated.activatedAt == Self.second(12))
                #expect(try await registry.activeIds() == [Self.otherSegment.id, Self.versions[2].id].sorted())

                await #expect(throws: ModelRegistryError.self) { try await registry.rollback(segment: "Nope_1_1") }
                await #expect(throws: ModelRegistryError.self) { try await registry.activate("no-such-id") }
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func aBodyThatDoesNotDecodeIsRefusedNamingTheModelAndNothingChanges(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                try await EngineSchema.migrate(on: db)
                let registry = ModelRegistryQuery(db)
                try await registry.publish(Array(Self.versions[0...1]), activate: false)
                try await registry.activate(Self.versions[0].id)
                let broken = Self.versions[1].id
                try await db.raw("UPDATE engine_models SET model_json = '{\"format\": 2, \"id\": 7}' WHERE id = \(bind: broken)").run()

                let refusal = await #expect(throws: ModelFileError.self) { try await registry.activate(broken) }
                #expect(refusal?.file == "model \(broken)")
                #expect(try await registry.activeIds() == [Self.versions[0].id])

                // Forced active behind the registry's back: reading the active models names it.
                try await db.raw("UPDATE engine_models SET active = FALSE").run()
                try await db.raw("UPDATE engine_models SET active = TRUE WHERE id = \(bind: broken)").run()
                let unreadable = await #expect(throws: ModelFileError.self) { try await registry.activeModels() }
                #expect(unreadable?.file == "model \(broken)")
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func aSegmentHasAtMostOneActiveModelWhateverWritesIt(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                try await EngineSchema.migrate(on: db)
                try await ModelRegistryQuery(db).publish(Array(Self.versions[0...1]), activate: true)
                #expect(try await ModelRegistryQuery(db).activeIds() == [Self.versions[1].id])
                await #expect(throws: (any Error).self) { try await db.raw("UPDATE engine_models SET active = TRUE").run() }
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func anEmptyOrMissingRegistrySaysWhatToDo(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                let registry = ModelRegistryQuery(db)
                await #expect(throws: ModelRegistryError.self) { try await registry.list() }
                let missing = await #expect(throws: ModelRegistryError.self) { try await registry.activeIds() }
                #expect("\(missing!)".contains("sphery-engine migrate"))
                try await EngineSchema.migrate(on: db)
                #expect(try await registry.list() == [])
                await #expect(throws: ModelRegistryError.empty) { try await registry.activeModels() }
            }
        }
    }
}
