import DatabaseTestSupport
import Foundation
import MotivationEngine
import PlayerStore
import SQLKit
import Testing

/// The retention report's query on a hand-made exposure log whose outcomes are known.
///
/// Experiment `exp`; exposures are at whole milliseconds, workouts at whole seconds:
/// - player `1`: a record outside any experiment a day earlier; in `exp`, one at T + 1 d logged
///   first, then two at T = 2026-11-01T10:00:00.123Z (the lower id, DualFlow/-1/10 with target
///   150, is the first exposure); no stored assignment, so the record's arm `cohort` counts.
///   Workouts: one 123 ms before T (would reach the target), a SoloRun 2 h later (the next
///   workout), six DualFlow/-1/10 ones (600 or 620 s; only the sixth reaches 150), one not
///   completed, one of 630 s and one of difficulty 0 (other segments), and two SoloRuns at the
///   7- and 28-day boundaries (one second before and after).
/// - player `2`: exposed at exactly 2026-11-02T08:00:00.000Z (no cluster label, target 100,
///   assigned `control`): a workout at exactly that time (not counted) and one scoring exactly
///   the target two days later.
/// - player `3`: record arm `cohort` but assigned `personal`; workouts only before the exposure.
/// - players `abc` and `1x`: ids that are not numbers (a naive cast reads them as users 0 and 1);
///   user 0 has a workout after their exposure.
/// - player `4`: only in experiment `other`, whose record at 2026-12-01T00:00:00.500Z is the
///   latest time in the database.
@Suite("Exposure outcomes")
struct ExposureOutcomeQueryTests {
    static let dualFlow = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10)
    static let soloRun = SegmentKey(gameMode: "SoloRun", difficulty: 0, durationMinutes: 5)

    /// Milliseconds since 1970 of an ISO 8601 time, with or without fractional seconds.
    static func milliseconds(_ text: String) throws -> Int64 {
        let date = try Date.ISO8601FormatStyle(includingFractionalSeconds: text.contains(".")).parse(text)
        return Int64((date.timeIntervalSince1970 * 1_000).rounded())
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000).rounded()) }

    static func insertData(into db: any SQLDatabase) async throws {
        try await ApplicationSchema.create(on: db)
        try await EngineSchema.migrate(on: db)
        let postgres = db.dialect.name == "postgresql"
        func time(_ text: String) -> SQLQueryString { postgres ? "\(bind: text)::timestamptz" : "\(bind: text)" }

        for id in 0...4 {
            try await db.raw(#"INSERT INTO "Users" (id, username) VALUES (\#(bind: id), \#(bind: "u\(id)"))"#).run()
        }
        let workouts: [(user: Int, at: String, mode: String, difficulty: Int, seconds: Int, score: Double, completed: Bool)] = [
            (1, "2026-11-01T10:00:00Z", "DualFlow", -1, 600, 500, true),
            (1, "2026-11-01T12:00:00Z", "SoloRun", 0, 300, 999, true),
            (1, "2026-11-02T10:00:00Z", "DualFlow", -1, 600, 100, true),
            (1, "2026-11-03T10:00:00Z", "DualFlow", -1, 620, 120, true),
            (1, "2026-11-04T10:00:00Z", "DualFlow", -1, 600, 999, false),
            (1, "2026-11-05T10:00:00Z", "DualFlow", -1, 600, 130, true),
            (1, "2026-11-06T10:00:00Z", "DualFlow", -1, 630, 999, true),
            (1, "2026-11-07T10:00:00Z", "DualFlow", 0, 600, 999, true),
            (1, "2026-11-08T10:00:00Z", "DualFlow", -1, 600, 140, true),
            (1, "2026-11-08T10:00:01Z", "DualFlow", -1, 600, 140, true),
            (1, "2026-11-09T10:00:00Z", "DualFlow", -1, 600, 200, true),
            (1, "2026-11-29T10:00:00Z", "SoloRun", 0, 300, 50, true),
            (1, "2026-11-29T10:00:01Z", "SoloRun", 0, 300, 50, true),
            (2, "2026-11-02T08:00:00Z", "DualFlow", -1, 600, 500, true),
            (2, "2026-11-04T08:00:00Z", "DualFlow", -1, 600, 100, true),
            (3, "2026-10-01T08:00:00Z", "DualFlow", -1, 600, 500, true),
            (0, "2026-11-05T08:00:00Z", "DualFlow", -1, 600, 500, true),
        ]
        for (index, workout) in workouts.enumerated() {
            try await SmallSpheryData.insertWorkout(
                id: index + 1, user: workout.user, score: workout.score, completed: workout.completed, at: workout.at,
                segment: (workout.mode, workout.difficulty, workout.seconds), startSpeed: 5, into: db)
        }
        // In insertion order, which fixes the ids.
        let exposures:
            [(
                user: String, at: String, segment: SegmentKey, cluster: Int, label: String?, target: Double, experiment: String?,
                arm: String?
            )] = [
                ("1", "2026-10-31T10:00:00.000Z", dualFlow, 1, "Intermediate", 90, nil, nil),
                ("1", "2026-11-02T10:00:00.123Z", soloRun, 0, "Beginner", 60, "exp", "cohort"),
                ("1", "2026-11-01T10:00:00.123Z", dualFlow, 2, "Advanced", 150, "exp", "cohort"),
                ("1", "2026-11-01T10:00:00.123Z", soloRun, 3, "Expert", 70, "exp", "cohort"),
                ("2", "2026-11-02T08:00:00.000Z", dualFlow, 1, nil, 100, "exp", "control"),
                ("3", "2026-11-03T08:00:00.000Z", dualFlow, 0, "Beginner", 80, "exp", "cohort"),
                ("abc", "2026-11-03T08:00:00.000Z", dualFlow, 0, "Beginner", 80, "exp", "control"),
                ("1x", "2026-11-03T08:00:00.000Z", dualFlow, 0, "Beginner", 80, "exp", "control"),
                ("4", "2026-12-01T00:00:00.500Z", dualFlow, 0, "Beginner", 80, "other", "control"),
            ]
        for exposure in exposures {
            try await db.raw(
                "INSERT INTO engine_predictions (created_at, user_id, model_id, score, cluster, next_target, status, "
                    + "target_policy, game_mode, difficulty, duration_minutes, cluster_label, experiment, arm) VALUES ("
                    + time(exposure.at)
                        + """
                        , \(bind: exposure.user), 'm', 1, \(bind: exposure.cluster), \(bind: exposure.target), 'approaching', \
                        'cohort', \(bind: exposure.segment.gameMode), \(bind: exposure.segment.difficulty), \
                        \(bind: exposure.segment.durationMinutes), \(bind: exposure.label), \(bind: exposure.experiment), \
                        \(bind: exposure.arm))
                        """
            ).run()
        }
        for (user, arm, at) in [("2", "control", "2026-11-02T08:00:00.000Z"), ("3", "personal", "2026-11-03T08:00:00.000Z")] {
            try await db.raw(
                "INSERT INTO engine_experiment_assignments (experiment, user_id, arm, assigned_at) VALUES ('exp', "
                    + "\(bind: user), \(bind: arm), " + time(at) + ")"
            ).run()
        }
    }

    /// The outcomes of `exp` by user id.
    static func outcomes(_ backend: Backend, followUpWorkouts: Int = 5) async throws -> [String: ExposureOutcome] {
        var result: [String: ExposureOutcome] = [:]
        try await TestDatabases.with(backend) { database in
            let outcomes = try await database.open { db in
                try await insertData(into: db)
                return try await ExposureOutcomeQuery(db).outcomes(experiment: "exp", followUpWorkouts: followUpWorkouts)
            }
            #expect(outcomes.map(\.userId) == ["1", "1x", "2", "3", "abc"])
            result = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.userId, $0) })
        }
        return result
    }

    @Test(arguments: TestDatabases.backends)
    func firstExposureAndItsOutcome(_ backend: Backend) async throws {
        let player = try #require(try await Self.outcomes(backend)["1"])
        #expect(player.segment == Self.dualFlow)
        #expect(player.cluster == 2 && player.clusterLabel == "Advanced" && player.target == 150)
        #expect(player.arm == "cohort")
        #expect(Self.milliseconds(player.exposedAt) == (try Self.milliseconds("2026-11-01T10:00:00.123Z")))
        // The SoloRun two hours later is the return; the workout 123 ms before the exposure is not.
        let toReturn = (try Self.milliseconds("2026-11-01T12:00:00Z")) - (try Self.milliseconds("2026-11-01T10:00:00.123Z"))
        #expect(player.daysToNextWorkout == Double(toReturn) / 86_400_000)
        // Up to T + 7 d: 12:00 SoloRun, 2nd, 3rd, 5th, 6th (630 s), 7th (difficulty 0) and 8th
        // 10:00:00 (0.123 s before the boundary); the 4th was not completed.
        #expect(player.workoutsWithin7Days == 7)
        // Then the 8th at 10:00:01, the 9th and the SoloRun at 10:00:00 on the 29th.
        #expect(player.workoutsWithin28Days == 10)
        // Six same-segment workouts follow; the first five never reach 150.
        #expect(player.followUpWorkouts == 5)
        #expect(!player.reachedTarget)
    }

    @Test(arguments: TestDatabases.backends)
    func theSixthFollowUpCountsWithKSix(_ backend: Backend) async throws {
        let player = try #require(try await Self.outcomes(backend, followUpWorkouts: 6)["1"])
        #expect(player.followUpWorkouts == 6)
        #expect(player.reachedTarget)
        #expect(player.workoutsWithin7Days == 7 && player.workoutsWithin28Days == 10)
    }

    @Test(arguments: TestDatabases.backends)
    func aWorkoutAtTheExposureTimeDoesNotCount(_ backend: Backend) async throws {
        let outcomes = try await Self.outcomes(backend)
        let player = try #require(outcomes["2"])
        #expect(player.clusterLabel == "" && player.arm == "control" && player.target == 100 && player.cluster == 1)
        #expect(Self.milliseconds(player.exposedAt) == (try Self.milliseconds("2026-11-02T08:00:00Z")))
        #expect(player.daysToNextWorkout == 2)
        #expect(player.workoutsWithin7Days == 1 && player.workoutsWithin28Days == 1)
        #expect(player.followUpWorkouts == 1)
        #expect(player.reachedTarget)  // a score equal to the target reaches it
        // Player 3's only workout is before the exposure; the stored assignment names the arm.
        let before = try #require(outcomes["3"])
        #expect(before.arm == "personal")
        #expect(before.daysToNextWorkout == nil)
        #expect(before.workoutsWithin7Days == 0 && before.workoutsWithin28Days == 0 && before.followUpWorkouts == 0)
        #expect(!before.reachedTarget)
    }

    @Test(arguments: TestDatabases.backends)
    func idsThatAreNotNumbersHaveNoWorkouts(_ backend: Backend) async throws {
        let outcomes = try await Self.outcomes(backend)
        for id in ["abc", "1x"] {
            let player = try #require(outcomes[id])
            #expect(player.daysToNextWorkout == nil, "\(id)")
            #expect(player.workoutsWithin28Days == 0 && player.followUpWorkouts == 0 && !player.reachedTarget, "\(id)")
        }
    }

    @Test(arguments: TestDatabases.backends)
    func experimentsAndTheDataClock(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                try await Self.insertData(into: db)
                let query = ExposureOutcomeQuery(db)
                #expect(try await query.experiments() == ["exp", "other"])
                let clock = try #require(try await query.dataClock())
                #expect(Self.milliseconds(clock) == (try Self.milliseconds("2026-12-01T00:00:00.500Z")))
                #expect(try await query.outcomes(experiment: "none").isEmpty)
                // A later workout moves the clock.
                let postgres = db.dialect.name == "postgresql"
                let time: SQLQueryString = postgres ? "'2026-12-02T00:00:00Z'::timestamptz" : "'2026-12-02T00:00:00Z'"
                try await db.raw(
                    #"INSERT INTO "Workouts" (id, "userId", score, "completedWorkout", "createdAt") VALUES (100, 1, 1, "#
                        + "\(false), " + time + ")"
                ).run()
                let later = try #require(try await query.dataClock())
                #expect(Self.milliseconds(later) == (try Self.milliseconds("2026-12-02T00:00:00Z")))
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func anEmptyLogHasNoClockWithoutWorkouts(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                try await ApplicationSchema.create(on: db)
                try await EngineSchema.migrate(on: db)
                let query = ExposureOutcomeQuery(db)
                #expect(try await query.dataClock() == nil)
                #expect(try await query.experiments() == [])
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func missingTablesAreNamed(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                try await ApplicationSchema.create(on: db)
                let query = ExposureOutcomeQuery(db)
                await #expect(throws: ExposureLogError.missingEngineTables) { try await query.outcomes(experiment: "exp") }
                await #expect(throws: ExposureLogError.missingEngineTables) { try await query.experiments() }
                await #expect(throws: ExposureLogError.missingEngineTables) { try await query.dataClock() }
            }
        }
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                try await EngineSchema.migrate(on: db)
                let error = await #expect(throws: DatabaseError.self) {
                    try await ExposureOutcomeQuery(db).outcomes(experiment: "exp")
                }
                #expect(error == .missingSchema(#"the table "Workouts""#))
            }
        }
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                // The log of a database migrated before the experiment columns existed.
                try await db.raw("CREATE TABLE engine_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT)").run()
                try await db.raw("INSERT INTO engine_migrations (version, name) VALUES (1, 'one'), (2, 'two')").run()
                await #expect(throws: ExposureLogError.outdatedEngineTables(version: 2, needed: 3)) {
                    try await ExposureOutcomeQuery(db).outcomes(experiment: "exp")
                }
            }
        }
    }
}
