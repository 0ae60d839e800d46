import Testing

@testable import PlayerStore

@Suite("DatabaseAvailability")
struct DatabaseAvailabilityTests {
    let outage = DatabaseError.unreachable("PostgreSQL", reason: "connection refused")

    @Test("up: everything is let through")
    func up() throws {
        let availability = DatabaseAvailability(probeInterval: .seconds(60))
        for _ in 0..<3 { try availability.admit() }
        #expect(!availability.isDown)
    }

    @Test("down: the outage's error at once, until a probe is due; one probe at a time")
    func down() async throws {
        let availability = DatabaseAvailability(probeInterval: .milliseconds(100))
        availability.record(.unreachable(outage))
        #expect(availability.isDown)
        #expect(throws: outage) { try availability.admit() }
        try await Task.sleep(for: .milliseconds(150))
        try availability.admit()  // the probe
        #expect(throws: outage) { try availability.admit() }  // while it runs
        availability.record(.answered)
        #expect(!availability.isDown)
        try availability.admit()
    }

    @Test("a probe that fails keeps the outage; one that learns nothing lets the next one try")
    func probeOutcomes() async throws {
        let availability = DatabaseAvailability(probeInterval: .milliseconds(50))
        availability.record(.unreachable(outage))
        try await Task.sleep(for: .milliseconds(80))
        try availability.admit()
        availability.record(.unreachable(outage))
        #expect(throws: outage) { try availability.admit() }
        try await Task.sleep(for: .milliseconds(80))
        try availability.admit()
        availability.record(.unknown)
        try availability.admit()
        #expect(availability.isDown)
    }
}
