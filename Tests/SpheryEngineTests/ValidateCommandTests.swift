import ArgumentParser
import Foundation
import MotivationEngine
import Testing

@testable import sphery_engine

/// `validate` on a small demo database (`--db`: play times, so reachability is checked) and on
/// a CSV (no play times), and its choice of exactly one source.
@Suite("validate")
struct ValidateCommandTests {
    static let segment = ["--game-mode", "DualFlow", "--difficulty", "-1", "--duration", "10"]

    @Test func withTheDatabaseReachabilityIsChecked() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("demo.sqlite").path
        let models = directory.appendingPathComponent("models").path
        try await DemoDataCommand.parse(["--db", database, "--users", "1000"]).run()
        try await TrainCommand.parse(
            ["--db", database, "--models", models, "--min-players", "30", "--n-init", "1"] + Self.segment
        ).run()

        // Every segment of the database is read; only the one with a model is validated.
        let command = try ValidateCommand.parse(["--db", database, "--models", models, "--bootstrap", "1"])
        let reports = try await command.reports()
        let report = try #require(reports.first)
        #expect(reports.count == 1 && report.segment == SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10))
        let reach = try #require(report.reachability)
        #expect(reach.overall.targets > 0 && (0...1).contains(reach.overall.share!))
        #expect(reach.byLevel.map(\.targets).reduce(0, +) == reach.overall.targets)
        #expect(report.calibration != nil && report.levelVsAge.spearman != nil)
        #expect(report.orderedBy == .ageGradedScore)

        let text = ValidateCommand.text(report)
        for line in [
            "level vs age: Spearman", "level stability:", "next targets reached within the next 9 games:",
            "age curve calibration: refitted on", "clusters are ordered by age-graded score",
        ] {
            #expect(text.contains(line), "\(line)")
        }
        let json = try JSONOutput.string(reports)
        for key in ["\"level_vs_age\"", "\"level_stability\"", "\"reachability\" : {", "\"calibration\" : {", "\"by_level\""] {
            #expect(json.contains(key), "\(key)")
        }
        try await ValidateCommand.parse(["--db", database, "--models", models, "--bootstrap", "1", "--json"] + Self.segment).run()
    }

    @Test func withACSVReachabilityNeedsPlayTimes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = ["userId,score,age,startSpeed,duration_minutes"]
        for player in 0..<160 {
            let skill = Double(player % 4)
            for workout in 0..<3 {
                let age = 12 + Double((player * 7) % 60)
                let score = (40_000 + skill * 30_000) * (1 - abs(age - 30) / 100) + Double((player * 37 + workout * 11) % 100) * 80
                lines.append("\(player),\(score.rounded()),\(age),\(3.5 + skill * 0.5),10")
            }
        }
        let players = directory.appendingPathComponent("players.csv").path
        let models = directory.appendingPathComponent("models").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: players, atomically: true, encoding: .utf8)
        try await TrainCommand.parse(["--csv", players, "--models", models, "--n-init", "1"] + Self.segment).run()

        let reports = try await ValidateCommand.parse(["--csv", players, "--models", models, "--bootstrap", "1"] + Self.segment).reports()
        let report = try #require(reports.first)
        #expect(report.reachability == nil)
        #expect(ValidateCommand.text(report).contains("next targets reached: not checked, it needs the games' play times (give --db)"))
        #expect(try JSONOutput.string(reports).contains("\"reachability\" : null"))
    }

    @Test func exactlyOneSource() {
        for (arguments, message) in [
            ([String](), "give the training data: --csv FILE or --db URL"),
            (["--csv", "a.csv", "--db", "b.sqlite"], "give --csv FILE or --db URL, not both"),
        ] {
            do {
                _ = try ValidateCommand.parse(arguments)
                Issue.record("\(arguments) parsed")
            } catch {
                #expect(ValidateCommand.message(for: error) == message)
            }
        }
    }
}
