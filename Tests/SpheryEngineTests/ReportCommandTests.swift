import ExperimentReport
import Foundation
import MotivationEngine
import PlayerStore
import SQLKit
import Testing

@testable import sphery_engine

/// `report` end to end on a small SQLite exposure log: 40 players exposed on 2026-11-01 in
/// experiment `exp`, alternating `control` and `personal`; every personal player and every
/// fourth control player is back two days later in the same segment with a score above the
/// target. The latest time in the database is a workout on 2026-12-15.
@Suite("report")
struct ReportCommandTests {
    let directory: URL
    var database: String { directory.appendingPathComponent("players.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes the exposure log and the workouts.
    func makeDatabase(experiments: [String] = ["exp"]) async throws {
        try await PlayerDatabase.with(try DatabaseLocation(database)) { db in
            try await ApplicationSchema.create(on: db)
            try await EngineSchema.migrate(on: db)
            var workout = 0
            func addWorkout(user: Int, at: String) async throws {
                workout += 1
                try await db.raw(
                    #"INSERT INTO "Workouts" (id, "userId", score, "completedWorkout", "createdAt") VALUES ("#
                        + "\(bind: workout), \(bind: user), 200, 1, \(bind: at))"
                ).run()
                try await db.raw(
                    #"INSERT INTO "RaceConfigs" (id, "workoutId", "gameMode", difficulty, duration, "startSpeed") VALUES ("#
                        + "\(bind: workout), \(bind: workout), 'DualFlow', -1, 600, 5)"
                ).run()
            }
            for user in 1...40 {
                try await db.raw(#"INSERT INTO "Users" (id, username) VALUES (\#(bind: user), 'p')"#).run()
                let arm = user.isMultiple(of: 2) ? "control" : "personal"
                for experiment in experiments {
                    try await db.raw(
                        """
                        INSERT INTO engine_predictions (created_at, user_id, model_id, score, cluster, cluster_label, \
                        next_target, status, target_policy, game_mode, difficulty, duration_minutes, experiment, arm) \
                        VALUES ('2026-11-01T10:00:00.000Z', \(bind: String(user)), 'm', 100, 1, 'Intermediate', 150, \
                        'approaching', 'cohort', 'DualFlow', -1, 10, \(bind: experiment), \(bind: arm))
                        """
                    ).run()
                }
                if arm == "personal" || user.isMultiple(of: 4) {
                    try await addWorkout(user: user, at: "2026-11-03T10:00:00Z")
                }
            }
            try await addWorkout(user: 1, at: "2026-12-15T00:00:00Z")
        }
    }

    func report(_ arguments: [String]) async throws -> RetentionReport {
        try await ReportCommand.parse(["--db", database] + arguments).report()
    }

    @Test func reportsTheOnlyExperimentAsOfTheDataClock() async throws {
        try await makeDatabase()
        let report = try await report([])
        #expect(report.experiment == "exp")
        #expect(report.asOf == (try Date.ISO8601FormatStyle().parse("2026-12-15T00:00:00Z")))
        #expect(report.players == 40)
        #expect(report.arms.map(\.arm) == ["control", "personal"])
        #expect(report.hitWorkouts == 5)
        #expect(report.power.minimumDetectableEffect == 0.05)
        let control = report.arms[0].metrics
        #expect(control.returnedWithin7Days.estimate == 0.5 && control.targetHit.estimate == 0.5)
        #expect(report.arms[1].metrics.returnedWithin7Days.estimate == 1)
    }

    @Test func textPutsTheVerdictFirstAndShowsEverySection() async throws {
        try await makeDatabase()
        let text = RetentionReportText.render(try await report([]))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Retention report: exp, as of 2026-12-15T00:00:00Z")
        let verdict = try #require(lines.firstIndex(of: "Verdict"))
        #expect(lines[verdict + 1].hasPrefix("  - Players shown personal targets returned within 7 days more often"))
        var previous = verdict
        for title in [
            "Arms: estimates", "Differences to control", "Players left out", "Sample", "Back for a workout by day",
            "By segment and cluster",
        ] {
            let index = try #require(lines.firstIndex { $0.hasPrefix(title) }, "\(title)")
            #expect(index > previous, "\(title)")
            previous = index
        }
        #expect(text.contains("  control   20       50.0% ("))
        #expect(lines.contains { $0.hasPrefix("  arm  ") && $0.contains("day 1 ") && $0.hasSuffix("day 28") })
        #expect(text.contains("DualFlow"))
    }

    @Test func theExperimentsFileSetsArmsAndEffect() async throws {
        try await makeDatabase()
        let file = directory.appendingPathComponent("experiments.json")
        try Data(
            """
            {"experiments": [{"name": "exp", "start": "2026-10-01",
              "arms": [{"name": "control", "share": 0.34}, {"name": "cohort", "share": 0.33, "policy": "cohort"},
                       {"name": "personal", "share": 0.33, "policy": "personal"}],
              "minimum_detectable_effect": 0.1}]}
            """.utf8
        ).write(to: file)
        let report = try await report(["--experiments", file.path, "--hit-workouts", "3", "--as-of", "2026-11-05"])
        #expect(report.arms.map(\.arm) == ["control", "cohort", "personal"])
        #expect(report.arms[1].players == 0)
        #expect(report.power.minimumDetectableEffect == 0.1)
        #expect(report.hitWorkouts == 3)
        #expect(report.asOf == (try Date.ISO8601FormatStyle().parse("2026-11-05T00:00:00Z")))
        // Four days after exposure no 7-day window is complete.
        #expect(report.arms[0].metrics.returnedWithin7Days.leftOut == 20)
    }

    @Test func anExperimentMustBeChosenOrKnown() async throws {
        try await makeDatabase(experiments: ["exp", "other"])
        await #expect(throws: RetentionReporterError.chooseExperiment(logged: ["exp", "other"])) { try await report([]) }
        await #expect(throws: RetentionReporterError.unknownExperiment("nope", logged: ["exp", "other"])) {
            try await report(["--experiment", "nope"])
        }
        #expect(try await report(["--experiment", "other"]).players == 40)
        let error = RetentionReporterError.chooseExperiment(logged: ["exp", "other"])
        #expect(error.description.contains("choose one: 'exp', 'other'"))
    }

    @Test func aDatabaseWithoutTheEngineTablesIsRefused() async throws {
        try await PlayerDatabase.with(try DatabaseLocation(database)) { db in try await ApplicationSchema.create(on: db) }
        let error = await #expect(throws: ExposureLogError.missingEngineTables) { try await report([]) }
        #expect(error?.description.contains("sphery-engine migrate") == true)
    }

    @Test func anEmptyLogHasNothingToReport() async throws {
        try await PlayerDatabase.with(try DatabaseLocation(database)) { db in
            try await ApplicationSchema.create(on: db)
            try await EngineSchema.migrate(on: db)
        }
        await #expect(throws: RetentionReporterError.chooseExperiment(logged: [])) { try await report([]) }
    }

    @Test func badOptionsAreRefusedBeforeTheDatabaseIsOpened() {
        for asOf in ["next week", "2026-12-01garbage", "2026-02-30", "99999-01-01"] {
            #expect(throws: (any Error).self, "\(asOf)") { try ReportCommand.parse(["--db", database, "--as-of", asOf]) }
        }
        #expect(throws: (any Error).self) { try ReportCommand.parse(["--db", database, "--hit-workouts", "0"]) }
        #expect(throws: (any Error).self) { try ReportCommand.parse([]) }
    }

    @Test func jsonHasTheReportsKeys() async throws {
        try await makeDatabase()
        let json = try JSONOutput.string(try await report([]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["experiment", "as_of", "arms", "groups", "return_curves", "power", "verdict"] {
            #expect(object[key] != nil, "\(key)")
        }
        #expect(object["as_of"] as? String == "2026-12-15T00:00:00Z")
    }
}
