import DemoData
import Foundation
import MotivationEngine
import PlayerStore
import Testing

@testable import sphery_engine

/// `simulate` end to end on a small demo SQLite file with models trained from it, and the
/// options it refuses.
@Suite("simulate")
struct SimulateCommandTests {
    @Test func advancesTheDemoAndLogsTheExposures() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("simulate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("players.sqlite").path
        let models = directory.appendingPathComponent("models").path
        try await DemoDataCommand.parse(["--db", file, "--users", "1000"]).run()
        try await TrainCommand.parse(["--db", file, "--models", models, "--n-init", "1"]).run()
        let before = try await counts(file)

        try await SimulateCommand.parse(
            [
                "--db", file, "--models", models, "--weeks", "2", "--arm-effect", "personal=0.1", "--reachable-effect", "0.05",
                "--personal-workouts", "5",
            ]
        ).run()
        let after = try await counts(file)
        #expect(after.workouts > before.workouts)
        #expect(after.exposures == after.workouts - before.workouts)
        #expect(after.inDemoExperiment == after.exposures)

        // An experiments file whose experiment starts after the simulated weeks is refused.
        let experiments = directory.appendingPathComponent("experiments.json")
        try #"{"experiments": [{"name": "later", "start": "2030-01-01", "arms": [{"name": "control", "share": 1}]}]}"#
            .write(to: experiments, atomically: true, encoding: .utf8)
        let error = await #expect(throws: SimulationError.self) {
            try await SimulateCommand.parse(["--db", file, "--models", models, "--weeks", "1", "--experiments", experiments.path]).run()
        }
        #expect(error?.description.hasPrefix("no experiment runs between") == true)
        await #expect(throws: SimulationError.self) {
            try await SimulateCommand.parse(["--db", file, "--models", models, "--weeks", "1", "--arm-effect", "bold=0.1"]).run()
        }
        #expect(try await counts(file) == after)
    }

    @Test(arguments: [
        (["--weeks", "0"], "--weeks must be between 1 and 52"),
        (["--weeks", "53"], "--weeks must be between 1 and 52"),
        (["--weeks", "2", "--arm-effect", "personal"], "--arm-effect must be NAME=DELTA"),
        (["--weeks", "2", "--arm-effect", "personal=much"], "--arm-effect must be NAME=DELTA"),
        (["--weeks", "2", "--arm-effect", "personal=0.6"], "--arm-effect personal must be between -0.5 and 0.5"),
        (["--weeks", "2", "--arm-effect", "personal=0.1", "--arm-effect", "personal=0.2"], "names arm 'personal' twice"),
        (["--weeks", "2", "--too-hard-effect", "-0.8"], "--too-hard-effect must be between -0.5 and 0.5"),
        (["--weeks", "2", "--target-policy", "cohort"], "Unknown option '--target-policy'"),
        (["--weeks", "2", "--personal-minimum", "20"], "personal target: minimum_workouts"),
    ])
    func refusesImpossibleOptions(arguments: [String], message: String) {
        do {
            _ = try SimulateCommand.parse(["--db", "x.sqlite"] + arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect(SimulateCommand.message(for: error).contains(message), "\(SimulateCommand.message(for: error))")
        }
    }

    @Test func summarisesSessionsArmsAndDates() {
        let demoEnd = Date(timeIntervalSince1970: TimeInterval(DemoDataGenerator.defaultEnd))
        let summary = SimulationSummary(
            start: demoEnd.addingTimeInterval(-3_600), end: demoEnd.addingTimeInterval(14 * 86_400), players: 592,
            stoppedPlayers: 198, sessions: 2_018, exposuresByArm: ["personal": 566, "control": 436],
            firstSession: demoEnd.addingTimeInterval(7 * 3_600), lastSession: demoEnd.addingTimeInterval(13 * 86_400 + 20 * 3_600))
        let text = SimulateCommand.describe(summary, seconds: 0.9)
        #expect(text.hasPrefix("simulated from the latest workout (2026-10-30T23:00:00Z) to 2026-11-14T00:00:00Z in 0.9 s"))
        #expect(text.contains("592 players, 2018 sessions"))
        #expect(text.contains("exposures per arm: control 436, personal 566"))
        #expect(!text.contains("outside any experiment"))
        #expect(text.contains("new workouts from 2026-10-31T07:00:00Z to 2026-11-13T20:00:00Z"))
    }

    private struct Counts: Equatable {
        let workouts: Int
        let exposures: Int
        let inDemoExperiment: Int
    }

    private func counts(_ file: String) async throws -> Counts {
        try await PlayerDatabase.with(try DatabaseLocation(file)) { db in
            let workouts = try await db.raw(#"SELECT COUNT(*) AS n FROM "Workouts""#).first()?.decode(column: "n", as: Int.self)
            let hasLog = try await db.raw("SELECT name FROM sqlite_master WHERE name = 'engine_predictions'").first() != nil
            guard hasLog else { return Counts(workouts: workouts ?? 0, exposures: 0, inDemoExperiment: 0) }
            let exposures = try await db.raw(
                """
                SELECT COUNT(*) AS n, SUM(CASE WHEN experiment = \(bind: DemoExperiment.name) AND arm IS NOT NULL THEN 1 ELSE 0 END) AS arms
                FROM engine_predictions WHERE route = 'simulation'
                """
            ).first()
            return Counts(
                workouts: workouts ?? 0, exposures: try exposures?.decode(column: "n", as: Int.self) ?? 0,
                inDemoExperiment: try exposures?.decode(column: "arms", as: Int?.self) ?? 0)
        }
    }
}
