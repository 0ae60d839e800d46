import ArgumentParser
import EngineAPI
import Foundation
import MotivationEngine
import PlayerStore

/// `sphery-engine player`: one player's live analysis from the database.
struct PlayerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "player",
        abstract: "Analyse a player's latest completed workout in a segment, with personal best and trend.",
        discussion: """
            The segment defaults to the one model loaded; give --game-mode, --difficulty and --duration \
            when the models folder holds several. Prints {"analysis": …, "history": …}.
            """)

    @OptionGroup var database: DatabaseOption
    @OptionGroup var models: ModelsOption

    @Option(help: "The user's id (\"Users\".id).")
    var user: Int

    @OptionGroup var segment: SegmentOptions

    @Option(help: "Completed workouts the trend is taken over.")
    var trend: Int = PlayerHistory.defaultTrendWorkouts

    @OptionGroup var language: LanguageOption
    @Option(name: .customLong("target-policy"), help: "cohort (default), personal or blended.")
    var targetPolicy: String = TargetPolicyKind.cohort.rawValue

    @OptionGroup var targets: PersonalTargetOptions

    func run() async throws {
        guard trend >= 2 else { throw ValidationError("--trend must be at least 2, got \(trend)") }
        guard let policy = TargetPolicyKind(rawValue: targetPolicy) else {
            throw ValidationError(
                "--target-policy must be one of \(TargetPolicyKind.names), got '\(targetPolicy)'")
        }
        let personal = try targets.personal()
        let registry = try ModelRegistry.load(from: URL(fileURLWithPath: models.models), personal: personal)
        let engine = try registry.engine(
            for: AnalysisInput(
                gameMode: segment.gameMode, difficulty: segment.difficulty,
                durationMinutes: segment.duration.map(Double.init), score: 0))
        let (user, trend) = (user, trend)
        let history = try await PlayerDatabase.with(try database.location()) { db in
            try await PlayerQueries(db).history(user: user, in: engine.model.segment, trendWorkouts: trend, personal: personal)
        }
        let analysis = try engine.analyzeRecorded(
            history.analysisInput(policy: policy), language: try language.validated())
        print(try JSONOutput.string(PlayerMotivation(analysis: analysis, history: history)))
    }
}
