import Foundation
import MotivationEngine
import PlayerStore
import SQLKit

/// Advances a player database by simulated weeks of play, calling the engine as the game
/// would, with simulated effects of what players are shown.
///
/// From the database's latest workout, day by day: the players active before the start (see
/// `ActivePlayers`) play sessions in their main segment, scoring around their own recent level.
/// Each session is written as a completed workout with its race configuration; then the engine
/// is asked for the player's next target as the game would ask (the experiment arm's policy and
/// whether it is shown, the player's earlier scores of the personal window) and the exposure is
/// logged (`engine_predictions`, route `simulation`, a few seconds after the workout). Whether
/// the player comes back within 7 days depends on how often they played before and on
/// ``SimulatedEffects``; one who does not may stop for good.
///
/// The same database, models, experiments and seed give the same rows: every player draws from
/// a random stream of their own. Everything is written in one transaction, so the database ends
/// up either advanced or as it was.
public struct PlaySimulation: Sendable {
    /// The route the exposures are logged with.
    public static let route = "simulation"
    /// The weeks one simulation may cover.
    public static let weeksRange = 1...52

    /// The models, one per segment (with their personal target settings).
    public var registry: ModelRegistry
    /// The experiments that assign the players' arms.
    public var plan: ExperimentPlan
    /// Weeks to simulate.
    public var weeks: Int
    /// The seed fixing every draw.
    public var seed: UInt64
    /// How the arms and the targets change what the simulated players do.
    public var effects: SimulatedEffects
    /// The language of the logged messages.
    public var language: Language

    /// A simulation of `weeks` weeks of play, its players shown the targets of `registry` under `plan`, with `effects`.
    public init(
        registry: ModelRegistry, plan: ExperimentPlan, weeks: Int, seed: UInt64 = DemoDataGenerator.defaultSeed,
        effects: SimulatedEffects = SimulatedEffects(), language: Language = .en
    ) {
        self.registry = registry
        self.plan = plan
        self.weeks = weeks
        self.seed = seed
        self.effects = effects
        self.language = language
    }

    /// Rows kept before they are written.
    private static let rowsPerFlush = 6_000

    /// Runs the simulation on `database` (the Sphery tables; the engine's are migrated first).
    /// - Parameter progress: called after every simulated day.
    /// - Throws: ``SimulationError`` for weeks or effects out of range, a database without
    ///   workouts, or a period in which no experiment runs; the database's and the engine's errors.
    public func run(
        on database: any SQLDatabase, progress: (SimulationProgress) -> Void = { _ in }
    ) async throws -> SimulationSummary {
        guard Self.weeksRange.contains(weeks) else { throw SimulationError.invalidWeeks(weeks) }
        if let problem = effects.problem(in: plan) { throw SimulationError.invalidEffects(problem) }
        guard let start = try await ActivePlayers.latestWorkoutTime(in: database) else { throw SimulationError.noWorkouts }
        // Days start at midnight UTC: the first is the day of the latest workout when that was at
        // midnight, else the day after, so every session comes after it.
        let firstDay = (start + DemoCalendar.secondsPerDay - 1) / DemoCalendar.secondsPerDay
        let days = weeks * 7
        let period = (
            start: Date(seconds: firstDay * DemoCalendar.secondsPerDay),
            end: Date(seconds: (firstDay + Int64(days)) * DemoCalendar.secondsPerDay)
        )
        guard plan.experiments.contains(where: { $0.start < period.end && ($0.end ?? .distantFuture) > period.start }) else {
            throw SimulationError.noRunningExperiment(from: period.start, to: period.end)
        }

        var players = try await ActivePlayers.load(
            from: database, before: start, segments: registry.engines.mapValues(\.personalSettings.days), seed: seed)
        // Players by the day of their next session.
        var schedule = [[Int]](repeating: [], count: days)
        func enqueue(_ index: Int) {
            guard let next = players[index].nextSession else { return }
            let day = Int(next / DemoCalendar.secondsPerDay - firstDay)
            if day < days { schedule[day].append(index) }
        }
        for index in players.indices {
            players[index].scheduleFirstSession(firstDay: firstDay)
            enqueue(index)
        }

        try await EngineSchema.migrate(on: database)
        var summary = SimulationSummary(start: Date(seconds: start), end: period.end, players: players.count)
        try await database.raw("BEGIN").run()
        do {
            var writer = try await SimulationWriter(database)
            for day in 0..<days {
                let today = schedule[day].sorted {
                    (players[$0].nextSession!, players[$0].userId) < (players[$1].nextSession!, players[$1].userId)
                }
                for index in today {
                    let time = players[index].nextSession!
                    try play(&players[index], at: time, writer: &writer, summary: &summary)
                    enqueue(index)
                }
                if writer.pendingRows >= Self.rowsPerFlush { try await writer.flush() }
                progress(SimulationProgress(daysDone: day + 1, days: days, sessions: summary.sessions))
            }
            try await writer.flush()
            try await database.raw("COMMIT").run()
        } catch {
            try? await database.raw("ROLLBACK").run()
            throw error
        }
        summary.stoppedPlayers = players.count(where: { $0.nextSession == nil })
        return summary
    }

    /// One session of `player` at `time`: the workout, the engine's next target and its
    /// exposure, and when the player comes back.
    private func play(
        _ player: inout SimulatedPlayer, at time: Int64, writer: inout SimulationWriter, summary: inout SimulationSummary
    ) throws {
        let engine = registry.engines[player.segment]!
        let settings = engine.personalSettings
        let score = player.drawScore()
        writer.addWorkout(of: player, score: score, at: time)

        let userId = String(player.userId)
        let exposedAt = Date(seconds: time + player.drawExposureDelay())
        let presentation = plan.presentation(for: userId, requested: nil, at: exposedAt)
        let earlier = player.scores(before: time, days: settings.days)
        let analysis = try engine.analyzeRecorded(
            AnalysisInput(
                gameMode: player.segment.gameMode, difficulty: player.segment.difficulty,
                durationMinutes: Double(player.segment.durationMinutes), score: score, age: player.age(at: time),
                startSpeed: player.startSpeed, userId: userId, recentScores: earlier, targetPolicy: presentation.policy),
            language: language, showTarget: presentation.showTarget)
        writer.addExposure(
            PredictionRecord(
                analysis, userId: userId, language: language, route: Self.route, assignment: presentation.assignment, at: exposedAt))
        player.record(score, at: time)

        let reach = settings.reach(score: score, earlier: earlier)
        let arm = presentation.assignment?.arm.name
        player.scheduleNext(
            after: time,
            returnProbability: effects.returnProbability(
                base: player.baseReturnProbability, arm: arm, targetShown: presentation.showTarget,
                withinReach: analysis.motivationalMessage.nextTarget <= reach))

        summary.sessions += 1
        if let arm { summary.exposuresByArm[arm, default: 0] += 1 } else { summary.exposuresOutsideExperiments += 1 }
        let played = Date(seconds: time)
        summary.firstSession = summary.firstSession ?? played
        summary.lastSession = played
    }

}

extension Date {
    /// The time `seconds` after 1970-01-01T00:00:00Z.
    fileprivate init(seconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(seconds))
    }
}
