import DatabaseTestSupport
import Foundation
import Logging
import PlayerStore
import Synchronization
import TestSupport
import Testing

@Suite("Model activations notified on PostgreSQL")
struct ModelRegistryNotificationsTests {
    @Test func anActivationReachesAListenerAtOnce() async throws {
        try await TestDatabases.with(.postgresql) { database in
            try await database.open { db in try await EngineSchema.migrate(on: db) }
            let calls = Atomic<Int>(0)
            let listener = Task {
                try await ModelRegistryNotifications.follow(postgresURL: database.url, logger: Logger(label: "test")) {
                    calls.add(1, ordering: .relaxed)
                }
            }
            defer { listener.cancel() }
            // The first call comes once LISTEN is in place (the catch-up read).
            #expect(try await Self.waitUntil { calls.load(ordering: .relaxed) == 1 })
            try await database.open { db in
                try await ModelRegistryQuery(db).publish([ModelRegistryQueryTests.versions[0]], activate: true)
            }
            #expect(try await Self.waitUntil { calls.load(ordering: .relaxed) == 2 })
            // Publishing without activating tells nobody.
            try await database.open { db in
                try await ModelRegistryQuery(db).publish([ModelRegistryQueryTests.versions[1]], activate: false)
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(calls.load(ordering: .relaxed) == 2)
            listener.cancel()
            await #expect(throws: CancellationError.self) { try await listener.value }
        }
    }

    @Test func aURLTheDriverRefusesIsNamed() async throws {
        await #expect(throws: DatabaseError.self) {
            try await ModelRegistryNotifications.follow(postgresURL: "postgres://u@h:notaport/db", logger: Logger(label: "test")) {}
        }
    }

    /// Polls `condition` every 20 ms for up to 5 s.
    static func waitUntil(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<250 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }
}
