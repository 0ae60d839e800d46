import ArgumentParser
import MotivationEngine

/// `--game-mode`, `--difficulty`, `--duration`: a segment, or a filter on the segments of a file.
struct SegmentOptions: ParsableArguments {
    @Option(name: .customLong("game-mode"), help: "Game mode, e.g. DualFlow (for files without a game_mode column, or to pick one).")
    var gameMode: String?

    @Option(parsing: .unconditional, help: "Difficulty as stored, -1 is Expert (for files without a difficulty column, or to pick one).")
    var difficulty: Int?

    @Option(help: "Session length in minutes (default: each row's duration_minutes).")
    var duration: Int?

    var defaults: SegmentDefaults {
        SegmentDefaults(gameMode: gameMode, difficulty: difficulty, durationMinutes: duration)
    }
}

/// `--models DIR`: the folder of model files.
struct ModelsOption: ParsableArguments {
    @Option(help: "Folder of model files, one JSON file per segment.")
    var models: String = "models"
}

/// `--language`: the language of messages.
struct LanguageOption: ParsableArguments {
    @Option(help: "Language of messages: en, de or fr (de-CH, fr-CH accepted).")
    var language: String = "en"

    func validated() throws -> Language {
        guard let language = Language(identifier: language) else {
            throw ValidationError("--language must be en, de or fr, got '\(language)'")
        }
        return language
    }
}
