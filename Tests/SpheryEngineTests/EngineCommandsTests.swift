import Foundation
import MotivationEngine
import Testing

@testable import sphery_engine

/// The engine's commands end to end on a small generated player file: train writes a model,
/// batch scores a file, validate and info read the model, and bad input fails clearly.
@Suite("train, batch, info, validate")
struct EngineCommandsTests {
    let directory: URL
    let players: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // 120 players in four well-separated score levels, two workouts each.
        var lines = ["userId,score,age,startSpeed,duration_minutes"]
        for player in 0..<120 {
            let level = Double(player % 4)
            for workout in 0..<2 {
                let score = 30_000 + level * 50_000 + Double((player * 37 + workout * 11) % 100) * 100
                let age = 20 + Double((player * 7) % 30)
                let speed = 3.5 + level * 0.7 + Double(player % 5) * 0.05
                lines.append("\(player),\(score),\(age),\(speed),10")
            }
        }
        players = directory.appendingPathComponent("players.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: players, atomically: true, encoding: .utf8)
    }

    var models: String { directory.appendingPathComponent("models").path }

    func train(_ extra: [String] = []) async throws {
        try await TrainCommand.parse(
            ["--csv", players, "--game-mode", "DualFlow", "--difficulty", "-1", "--models", models] + extra
        ).run()
    }

    @Test func trainWritesOneModelPerSegment() async throws {
        try await train()
        let files = try FileManager.default.contentsOfDirectory(atPath: models)
        #expect(files == ["DualFlow_-1_10.json"])
    }

    @Test func trainRefusesATooSmallSegment() async throws {
        await #expect(throws: (any Error).self) { try await train(["--min-players", "500"]) }
        #expect(!FileManager.default.fileExists(atPath: models + "/DualFlow_-1_10.json"))
    }

    @Test func trainNeedsTheSegment() async throws {
        let error = await #expect(throws: FileError.self) {
            try await TrainCommand.parse(["--csv", players, "--models", models]).run()
        }
        #expect(error?.description.contains("give --game-mode and --difficulty") == true)
    }

    @Test func batchKeepsColumnsAndReportsBadRows() async throws {
        try await train()
        let input = directory.appendingPathComponent("in.csv").path
        let output = directory.appendingPathComponent("out.csv").path
        try "userId,score,age,note\n1,90000,30,\"a, b\"\n2,oops,30,c\n".write(toFile: input, atomically: true, encoding: .utf8)
        try await BatchCommand.parse(["--models", models, "--csv", input, "--out", output]).run()
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("userId,score,age,note,cluster,cluster_label,"))
        #expect(lines[1].hasPrefix("1,90000,30,\"a, b\","))
        #expect(lines[2].hasSuffix("score: is missing or not a number"))
    }

    @Test func validateAndInfoReadTheModel() async throws {
        try await train()
        try await ValidateCommand.parse(
            ["--models", models, "--csv", players, "--game-mode", "DualFlow", "--difficulty", "-1", "--bootstrap", "2", "--json"]
        ).run()
        try await InfoCommand.parse(["--models", models]).run()
    }

    @Test func infoSaysTheFileFormatAndWhatLevelsAreFittedOn() async throws {
        try await train()
        var model = try ModelFileStore.read(URL(fileURLWithPath: models).appendingPathComponent("DualFlow_-1_10.json"))
        let current = InfoCommand.text(SegmentEngine(model: model).modelInfo)
        #expect(current.contains("model file format 2; levels fitted on skill (the age-graded score)"))
        #expect(current.contains("DualFlow · Expert difficulty · 10 min"))
        model.format = 1
        let old = InfoCommand.text(SegmentEngine(model: model).modelInfo)
        #expect(old.contains("model file format 1 (written before age curves"))
        #expect(old.contains("retrain for format 2"))
    }

    @Test func analyzeNamesTheBadField() async throws {
        try await train()
        await #expect(throws: (any Error).self) {
            try await AnalyzeCommand.parse(["--models", models, "--json", #"{"score": 5000, "age": 300}"#]).run()
        }
        await #expect(throws: (any Error).self) {
            try await AnalyzeCommand.parse(["--models", models, "--json", #"{"score": 5000}"#, "--language", "xx"]).run()
        }
        try await AnalyzeCommand.parse(["--models", models, "--json", #"{"score": 95000, "user_id": "7"}"#]).run()
    }
}
