import ArgumentParser
import EngineAPI
import Foundation
import MotivationEngine

/// `sphery-engine analyze`: one player's segment, target and message as JSON.
struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse one player and print the analysis JSON.",
        discussion: """
            Input: {"game_mode": "DualFlow", "difficulty": -1, "duration_minutes": 10, "score": 150000, \
            "age": 25.5, "startSpeed": 5.0, "user_id": "42"}. game_mode, difficulty and duration_minutes \
            may be left out when they leave one loaded model; age and startSpeed may be missing or null; \
            user_id keeps the message wording stable for a player.
            """)

    @OptionGroup var models: ModelsOption

    @Option(help: "The player as JSON, or - to read it from standard input.")
    var json: String

    @OptionGroup var language: LanguageOption

    func run() async throws {
        let registry = try ModelRegistry.load(from: URL(fileURLWithPath: models.models))
        let text = json == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : json
        let input = try AnalysisInputDecoding.decode(Data(text.utf8))
        print(try JSONOutput.string(try registry.analyze(input, language: try language.validated())))
    }
}
