import MotivationEngine
import PlayerStore
import SQLKit

/// A tiny, hand-made Sphery database whose answers are known:
/// - user 1 (born 1990-01-01): five DualFlow/-1/600 s workouts (scores 100, 120, 110, 130 and
///   one not completed), and one SoloRun/0/300 s workout;
/// - user 2 (no health data): two DualFlow/-1/600 s workouts (200, 190);
/// - user 3 (born 2000-06-15): one DualFlow/-1/605 s workout (150) — 605 s is still 10 minutes.
enum SmallSpheryData {
    static let dualFlow = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10)
    static let soloRun = SegmentKey(gameMode: "SoloRun", difficulty: 0, durationMinutes: 5)

    static func insert(into db: any SQLDatabase) async throws {
        try await ApplicationSchema.create(on: db)
        let postgres = db.dialect.name == "postgresql"
        func date(_ text: String) -> SQLQueryString { postgres ? "\(bind: text)::date" : "\(bind: text)" }
        for (id, name) in [(1, "ana"), (2, "ben"), (3, "cleo")] {
            try await db.raw(#"INSERT INTO "Users" (id, username) VALUES (\#(bind: id), \#(bind: name))"#).run()
        }
        for (id, user, dob) in [(1, 1, "1990-01-01"), (2, 3, "2000-06-15")] {
            try await db.raw(
                #"INSERT INTO "HealthData" (id, "userId", dob, weight, height) VALUES (\#(bind: id), \#(bind: user), "#
                    + date(dob) + ", 70, 175)"
            ).run()
        }
        let workouts:
            [(user: Int, score: Double, completed: Bool, at: String, mode: String, difficulty: Int, seconds: Int, speed: Double)] = [
                (1, 100, true, "2025-01-01T10:00:00Z", "DualFlow", -1, 600, 5.0),
                (1, 120, true, "2025-01-02T10:00:00Z", "DualFlow", -1, 600, 5.2),
                (1, 110, true, "2025-01-03T10:00:00Z", "DualFlow", -1, 600, 5.1),
                (1, 999, false, "2025-01-04T10:00:00Z", "DualFlow", -1, 600, 5.1),
                (1, 130, true, "2025-01-05T10:00:00Z", "DualFlow", -1, 600, 5.3),
                (1, 80, true, "2025-01-06T10:00:00Z", "SoloRun", 0, 300, 4.0),
                (2, 200, true, "2025-02-01T10:00:00Z", "DualFlow", -1, 600, 6.0),
                (2, 190, true, "2025-02-02T10:00:00Z", "DualFlow", -1, 600, 6.1),
                (3, 150, true, "2025-03-01T10:00:00Z", "DualFlow", -1, 605, 5.5),
            ]
        for (index, workout) in workouts.enumerated() {
            try await insertWorkout(
                id: index + 1, user: workout.user, score: workout.score, completed: workout.completed, at: workout.at,
                segment: (workout.mode, workout.difficulty, workout.seconds), startSpeed: workout.speed, into: db)
        }
    }

    /// Inserts one workout and its race configuration (both with id `id`; `at` is ISO 8601).
    static func insertWorkout(
        id: Int, user: Int, score: Double, completed: Bool, at: String, segment: (mode: String, difficulty: Int, seconds: Int),
        startSpeed: Double, into db: any SQLDatabase
    ) async throws {
        let time: SQLQueryString = db.dialect.name == "postgresql" ? "\(bind: at)::timestamptz" : "\(bind: at)"
        try await db.raw(
            #"INSERT INTO "Workouts" (id, "userId", score, "completedWorkout", "createdAt") VALUES ("#
                + "\(bind: id), \(bind: user), \(bind: score), \(bind: completed), " + time + ")"
        ).run()
        try await db.raw(
            #"INSERT INTO "RaceConfigs" (id, "workoutId", "gameMode", difficulty, duration, "startSpeed") VALUES ("#
                + "\(bind: id), \(bind: id), \(bind: segment.mode), \(bind: segment.difficulty), \(bind: segment.seconds), "
                + "\(bind: startSpeed))"
        ).run()
    }
}
