import DatabaseTestSupport
import DemoData
import Foundation
import MotivationEngine
import PlayerStore
import SQLKit
import Testing

/// Writing the demo database on SQLite (and PostgreSQL when configured): what is written is
/// what was generated, the engine's queries read it, and existing data is never overwritten
/// unless asked.
@Suite("Demo database")
struct DemoDatabaseTests {
    @Test(arguments: TestDatabases.backends)
    func writesWhatTheGeneratorMakes(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            let generated = DemoDataGenerator(users: 300, seed: 5).allRows()
            let summary: DemoPlan = try await database.open { db in
                try await DemoDatabase.write(to: db, users: 300, seed: 5, rowsPerStatement: 97)
            }
            let counts: Counts = try await database.open { db in try await DemoDatabaseTests.counts(db) }
            #expect(summary == DemoPlan(users: 300, healthData: generated.healthData.count, workouts: generated.workouts.count))
            #expect(counts.users == 300)
            #expect(counts.healthData == generated.healthData.count)
            #expect(counts.workouts == generated.workouts.count)
            #expect(counts.raceConfigs == generated.raceConfigs.count)
            #expect(counts.incomplete == generated.workouts.filter { !$0.completedWorkout }.count)
            #expect(counts.missingDob == generated.healthData.filter { $0.dob == nil }.count)
            #expect(counts.missingScore == generated.workouts.filter { $0.score == nil }.count)
            #expect(counts.scoreSum == generated.workouts.compactMap(\.score).reduce(0, +))
            #expect(counts.expertSeconds == generated.raceConfigs.filter { $0.difficulty == -1 }.map(\.duration).reduce(0, +))
        }
    }

    @Test func sqliteKeepsTheApplicationsTextDates() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let generated = DemoDataGenerator(users: 40, seed: 9).allRows()
            let (dobs, times, completed) = try await database.open { db in
                try await DemoDatabase.write(to: db, users: 40, seed: 9)
                let dobs = try await db.raw(#"SELECT dob FROM "HealthData" ORDER BY id"#).all()
                    .map { try $0.decode(column: "dob", as: String?.self) }
                let workouts = try await db.raw(#"SELECT "createdAt", "completedWorkout" FROM "Workouts" ORDER BY id"#).all()
                let times = try workouts.map { try $0.decode(column: "createdAt", as: String.self) }
                let completed = try workouts.map { try $0.decode(column: "completedWorkout", as: Int.self) }
                return (dobs, times, completed)
            }
            #expect(dobs == generated.healthData.map(\.dobText))
            #expect(times == generated.workouts.map(\.createdAtText))
            #expect(completed == generated.workouts.map { $0.completedWorkout ? 1 : 0 })
        }
    }

    @Test(arguments: TestDatabases.backends)
    func defaultsGiveTheQueriesAThousandPlayerDualFlowSegment(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            let segments = try await database.open { db in
                try await DemoDatabase.write(to: db)
                return try await PlayerQueries(db).segments()
            }
            let dualFlow = try #require(
                segments.first { $0.segment == SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10) })
            #expect((900...1_100).contains(dualFlow.players), "\(dualFlow.players) players")
            #expect(segments.first?.segment == dualFlow.segment)
            #expect(Set(segments.map(\.segment.durationMinutes)) == [5, 10, 15])
            #expect(Set(segments.map(\.segment.gameMode)).count >= 3)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func refusesToWriteIntoADatabaseWithUsersUnlessReplacing(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in try await DemoDatabase.write(to: db, users: 20, seed: 1) }
            let error = await #expect(throws: DemoDataError.self) {
                try await database.open { db in try await DemoDatabase.write(to: db, users: 30, seed: 2) }
            }
            #expect(error?.description.contains("--replace") == true)
            #expect(try await database.open { db in try await DemoDatabaseTests.counts(db) }.users == 20)

            let generated = DemoDataGenerator(users: 30, seed: 2).allRows()
            let counts = try await database.open { db in
                try await DemoDatabase.write(to: db, users: 30, seed: 2, replace: true)
                return try await DemoDatabaseTests.counts(db)
            }
            #expect(counts.users == 30)
            #expect(counts.workouts == generated.workouts.count)
            #expect(counts.raceConfigs == generated.raceConfigs.count)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func writesIntoAnEmptyApplicationSchema(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.createApplicationSchema()
            let users = try await database.open { db in
                try await DemoDatabase.write(to: db, users: 10, seed: 4)
                return try await DemoDatabaseTests.counts(db).users
            }
            #expect(users == 10)
        }
    }

    @Test func reportsProgressUpToEveryRow() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let reports = try await database.open { db in
                var reports: [DemoProgress] = []
                try await DemoDatabase.write(to: db, users: 2_500, seed: 6) { reports.append($0) }
                return reports
            }
            let last = try #require(reports.last)
            #expect(last.rowsWritten == last.plan.rows)
            #expect(last.usersWritten == 2_500 && last.workoutsWritten == last.plan.workouts)
            #expect(last.fraction == 1)
            #expect(reports.first?.rowsWritten == 0)
            #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.rowsWritten <= $1.rowsWritten })
            #expect(reports.count > 20)
        }
    }

    @Test func refusesZeroUsers() async throws {
        try await TestDatabases.with(.sqlite) { database in
            await #expect(throws: DemoDataError.invalidUserCount(0)) {
                try await database.open { db in try await DemoDatabase.write(to: db, users: 0) }
            }
        }
    }

    /// Row counts and a few sums over the four tables.
    struct Counts: Sendable {
        var users = 0, healthData = 0, workouts = 0, raceConfigs = 0
        var incomplete = 0, missingDob = 0, missingScore = 0
        var scoreSum = 0.0
        var expertSeconds = 0
    }

    static func counts(_ db: any SQLDatabase) async throws -> Counts {
        func number<Value: Decodable>(_ sql: String, as type: Value.Type = Int.self) async throws -> Value? {
            let row = try #require(try await db.raw(SQLQueryString(sql)).first())
            return try row.decode(column: "n", as: Value?.self)
        }
        var counts = Counts()
        counts.users = try await number(#"SELECT COUNT(*) AS n FROM "Users""#) ?? 0
        counts.healthData = try await number(#"SELECT COUNT(*) AS n FROM "HealthData""#) ?? 0
        counts.workouts = try await number(#"SELECT COUNT(*) AS n FROM "Workouts""#) ?? 0
        counts.raceConfigs = try await number(#"SELECT COUNT(*) AS n FROM "RaceConfigs""#) ?? 0
        let notCompleted = db.dialect.name == "postgresql" ? "NOT \"completedWorkout\"" : "\"completedWorkout\" = 0"
        counts.incomplete = try await number(#"SELECT COUNT(*) AS n FROM "Workouts" WHERE "# + notCompleted) ?? 0
        counts.missingDob = try await number(#"SELECT COUNT(*) AS n FROM "HealthData" WHERE dob IS NULL"#) ?? 0
        counts.missingScore = try await number(#"SELECT COUNT(*) AS n FROM "Workouts" WHERE score IS NULL"#) ?? 0
        counts.scoreSum = try await number(#"SELECT SUM(score) AS n FROM "Workouts""#, as: Double.self) ?? 0
        counts.expertSeconds = try await number(#"SELECT SUM(duration) AS n FROM "RaceConfigs" WHERE difficulty = -1"#) ?? 0
        return counts
    }
}
