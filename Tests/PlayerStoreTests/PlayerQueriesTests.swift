import DatabaseTestSupport
import Foundation
import MotivationEngine
import SQLKit
import Testing

@testable import PlayerStore

@Suite("Queries on the Sphery tables, on SQLite and PostgreSQL")
struct PlayerQueriesTests {
    @Test(arguments: TestDatabases.backends)
    func segmentsCountCompletedWorkoutsAndPlayers(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            let segments = try await database.open { db in
                try await SmallSpheryData.insert(into: db)
                return try await PlayerQueries(db).segments()
            }
            #expect(
                segments == [
                    SegmentSummary(segment: SmallSpheryData.dualFlow, players: 3, workouts: 7),
                    SegmentSummary(segment: SmallSpheryData.soloRun, players: 1, workouts: 1),
                ])
        }
    }

    @Test(
        "a player counts once in a segment whose workouts have several stored durations (605 s and 600 s are 10 min)",
        arguments: TestDatabases.backends)
    func segmentsCountAPlayerOnce(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            let segments = try await database.open { db in
                try await SmallSpheryData.insert(into: db)
                try await SmallSpheryData.insertWorkout(
                    id: 20, user: 3, score: 160, completed: true, at: "2025-03-02T10:00:00Z", segment: ("DualFlow", -1, 600),
                    startSpeed: 5.5, into: db)
                return try await PlayerQueries(db).segments()
            }
            #expect(segments.first == SegmentSummary(segment: SmallSpheryData.dualFlow, players: 3, workouts: 8))
        }
    }

    @Test(arguments: TestDatabases.backends)
    func workoutsCarryAgeAtTheWorkoutAndKeepMissingHealthData(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            let records = try await database.open { db in
                try await SmallSpheryData.insert(into: db)
                return try await PlayerQueries(db).workouts(in: SmallSpheryData.dualFlow)
            }
            #expect(records.map(\.userId) == ["1", "1", "1", "1", "2", "2", "3"])
            #expect(records.map(\.score) == [100, 120, 110, 130, 200, 190, 150])
            // 1990-01-01 → 2025-01-01 10:00 is 35.0 years (of 365.25 days) and a few hours.
            let age = try #require(records[0].age)
            #expect(abs(age - 35.0) < 0.01)
            #expect(records[4].age == nil)  // user 2 has no health data: counted by cleaning, not lost
            #expect(records.allSatisfy { abs(($0.durationMinutes ?? 0) - 10) < 0.1 })
            #expect(records[0].startSpeed == 5.0)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func historyHasTheLatestWorkoutPersonalBestAndTrend(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            let history = try await database.open { db in
                try await SmallSpheryData.insert(into: db)
                return try await PlayerQueries(db).history(user: 1, in: SmallSpheryData.dualFlow, trendWorkouts: 3)
            }
            #expect(history.latestScore == 130)
            #expect(history.personalBest == 130)
            #expect(history.completedWorkouts == 4)
            #expect(history.trend.workouts == 3)  // 120, 110, 130: slope +5 per workout
            #expect(abs(history.trend.slopePerWorkout - 5) < 1e-9)
            #expect(history.trend.improving)
            #expect(history.analysisInput().score == 130)
        }
    }

    @Test(
        "the personal window: the last workouts within its days of the latest, whatever the trend's length",
        arguments: TestDatabases.backends)
    func personalWindow(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            let (whole, recent, short) = try await database.open { db in
                try await SmallSpheryData.insert(into: db)
                let queries = PlayerQueries(db)
                var settings = PersonalTargetSettings.standard
                let whole = try await queries.history(user: 1, in: SmallSpheryData.dualFlow, trendWorkouts: 2, personal: settings)
                settings.days = 2  // 2025-01-03 and -05: the first two workouts are more than 2 days before the latest
                let recent = try await queries.history(user: 1, in: SmallSpheryData.dualFlow, personal: settings)
                settings = .standard
                settings.workouts = 3
                settings.minimumWorkouts = 2
                let short = try await queries.history(user: 1, in: SmallSpheryData.dualFlow, personal: settings)
                return (whole, recent, short)
            }
            #expect(whole.windowScores == [100, 120, 110, 130])  // oldest first, the uncompleted 999 left out
            #expect(whole.recentScores == [110, 130])
            #expect(recent.windowScores == [110, 130])
            #expect(short.windowScores == [120, 110, 130])
            let input = whole.analysisInput(policy: .personal)
            #expect(input.recentScores == [100, 120, 110] && input.score == 130 && input.targetPolicy == .personal)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func unknownUsersAndEmptySegmentsAreNamed(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                try await SmallSpheryData.insert(into: db)
                await #expect(throws: DatabaseError.unknownUser("42")) {
                    try await PlayerQueries(db).history(user: 42, in: SmallSpheryData.dualFlow)
                }
                let error = await #expect(throws: DatabaseError.self) {
                    try await PlayerQueries(db).history(user: 2, in: SmallSpheryData.soloRun)
                }
                #expect(error?.description.contains("no completed workout") == true)
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func aMissingTableIsNamed(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                let error = await #expect(throws: DatabaseError.self) { try await PlayerQueries(db).segments() }
                #expect(error?.description.contains("Workouts") == true, "\(String(describing: error))")
            }
        }
    }

    @Test func trendOfFewWorkouts() {
        #expect(PlayerHistory.Trend(scores: [5]).improving == false)
        #expect(PlayerHistory.Trend(scores: [3, 2, 1]).slopePerWorkout == -1)
    }
}

@Suite("A read-only PostgreSQL role is enough")
struct ReadOnlyRoleTests {
    @Test func everyQueryRunsWithSelectOnly() async throws {
        try await TestDatabases.with(.postgresql) { database in
            try await database.open { db in try await SmallSpheryData.insert(into: db) }
            let (segments, workouts, history) = try await database.openReadOnly { db in
                let queries = PlayerQueries(db)
                return (
                    try await queries.segments(), try await queries.workouts(in: SmallSpheryData.dualFlow),
                    try await queries.history(user: 1, in: SmallSpheryData.dualFlow)
                )
            }
            #expect(segments.count == 2)
            #expect(workouts.count == 7)
            #expect(history.personalBest == 130)
        }
    }
}

@Suite("A database that is not quite the Sphery schema")
struct MissingColumnTests {
    @Test(arguments: TestDatabases.backends)
    func aMissingColumnIsNamed(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                try await ApplicationSchema.create(on: db)
                try await db.raw(#"ALTER TABLE "RaceConfigs" DROP COLUMN "startSpeed""#).run()
                let error = await #expect(throws: DatabaseError.self) {
                    try await PlayerQueries(db).workouts(in: SmallSpheryData.dualFlow)
                }
                #expect(error?.description.contains("column") == true, "\(String(describing: error))")
                #expect(error?.description.contains("startSpeed") == true, "\(String(describing: error))")
            }
        }
    }

    @Test("a missing table is named; another refusal (a syntax error) is not taken for a missing table", arguments: TestDatabases.backends)
    func aMissingTableIsNamed(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                let missing = await #expect(throws: DatabaseError.self) {
                    try await PlayerQueries(db).workouts(in: SmallSpheryData.dualFlow)
                }
                guard case .missingSchema(let what) = missing else {
                    Issue.record("expected missingSchema, got \(String(describing: missing))")
                    return
                }
                #expect(
                    what.contains("table") && (what.contains("Workouts") || what.contains("HealthData") || what.contains("RaceConfigs")),
                    "\(what)")
                let other = await #expect(throws: DatabaseError.self) {
                    _ = try await PlayerQueries(db).run("SELEKT 1")
                }
                guard case .queryFailed = other else {
                    Issue.record("expected queryFailed, got \(String(describing: other))")
                    return
                }
            }
        }
    }
}
