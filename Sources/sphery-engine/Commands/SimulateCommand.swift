import ArgumentParser
import DemoData
import Foundation
import MotivationEngine
import PlayerStore

/// `sphery-engine simulate`: advances a player database by simulated weeks of play.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Advance a player database by simulated weeks of play, logging the targets shown as the game would.",
        discussion: """
            From the database's latest workout, day by day: every player with a completed workout in \
            the 28 days before plays sessions in their main segment (one with a model), scoring around \
            their recent level. Each session is a completed workout; then the engine sets the player's \
            next target under their experiment arm's policy and the exposure is logged (route \
            "simulation"). A player returns within 7 days with their base chance (from how often they \
            played in the last 56 days) plus the simulated effects; the default effects of 0 are the \
            null experiment. Deterministic for a seed; everything is written in one transaction. \
            Progress and a summary go to standard error.

            Example, on the demo that `serve --demo` keeps in sphery-demo/:

              sphery-engine simulate --db sphery-demo/players.sqlite --models sphery-demo/models \\
                --experiments sphery-demo/experiments.json --weeks 6 --arm-effect personal=0.05
            """)

    @OptionGroup var database: DatabaseOption
    @OptionGroup var models: ModelsOption

    @Option(help: "Retention experiments, a JSON file (default: the demo's experiment, targets-demo, from 2026-10-31).")
    var experiments: String?

    @Option(help: "Weeks to simulate (1 to 52).")
    var weeks: Int

    @Option(help: "Random seed: the same database, models, experiments and seed give the same rows.")
    var seed: UInt64 = DemoDataGenerator.defaultSeed

    @Option(
        name: .customLong("arm-effect"),
        help: ArgumentHelp(
            "An arm's effect on the chance of returning within 7 days, e.g. personal=0.05 (repeatable).", valueName: "name=delta"))
    var armEffects: [String] = []

    @Option(name: .customLong("reachable-effect"), parsing: .unconditional, help: "Effect of a shown target within the player's reach.")
    var reachableEffect: Double = 0

    @Option(name: .customLong("too-hard-effect"), parsing: .unconditional, help: "Effect of a shown target beyond the player's reach.")
    var tooHardEffect: Double = 0

    @OptionGroup var language: LanguageOption
    @OptionGroup var targets: PersonalTargetOptions

    func validate() throws {
        guard PlaySimulation.weeksRange.contains(weeks) else {
            throw ValidationError("--weeks must be between 1 and 52, got \(weeks)")
        }
        for (name, value) in [("--reachable-effect", reachableEffect), ("--too-hard-effect", tooHardEffect)]
        where !SimulatedEffects.limits.contains(value) {
            throw ValidationError("\(name) must be between -0.5 and 0.5, got \(value)")
        }
        _ = try effects()
        _ = try targets.personal()
    }

    /// The effects of the options (the simulation checks that the arms they name exist).
    func effects() throws -> SimulatedEffects {
        var arms: [String: Double] = [:]
        for text in armEffects {
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let delta = Double(parts[1]) else {
                throw ValidationError("--arm-effect must be NAME=DELTA, e.g. personal=0.05, got '\(text)'")
            }
            guard SimulatedEffects.limits.contains(delta) else {
                throw ValidationError("--arm-effect \(parts[0]) must be between -0.5 and 0.5, got \(delta)")
            }
            guard arms.updateValue(delta, forKey: parts[0]) == nil else {
                throw ValidationError("--arm-effect names arm '\(parts[0])' twice")
            }
        }
        return SimulatedEffects(arms: arms, reachable: reachableEffect, tooHard: tooHardEffect)
    }

    func run() async throws {
        let plan = try experiments.map { try ExperimentPlan.load(from: URL(fileURLWithPath: $0)) } ?? DemoExperiment.plan
        let registry = try ModelRegistry.load(from: URL(fileURLWithPath: models.models), personal: try targets.personal())
        let simulation = PlaySimulation(
            registry: registry, plan: plan, weeks: weeks, seed: seed, effects: try effects(),
            language: try language.validated())
        let location = try database.location()
        StandardError.print("simulating \(weeks) week\(weeks == 1 ? "" : "s") of play on \(location) (seed \(seed))")
        let clock = ContinuousClock()
        let started = clock.now
        let summary = try await PlayerDatabase.with(location) { db in
            try await simulation.run(on: db) { progress in
                guard progress.daysDone % 7 == 0 else { return }
                StandardError.print("  week \(progress.daysDone / 7)/\(progress.days / 7): \(progress.sessions) sessions")
            }
        }
        StandardError.print(Self.describe(summary, seconds: (clock.now - started) / .seconds(1)))
    }

    /// The summary's lines.
    static func describe(_ summary: SimulationSummary, seconds: Double) -> String {
        let time = Date.ISO8601FormatStyle()
        var lines = [
            "simulated from the latest workout (\(time.format(summary.start))) to \(time.format(summary.end)) in "
                + String(format: "%.1f s", seconds) + ": \(summary.players) players, \(summary.sessions) sessions "
                + "(each a workout and an exposure), \(summary.stoppedPlayers) players stopped"
        ]
        let arms = summary.exposuresByArm.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        if !arms.isEmpty { lines.append("  exposures per arm: " + arms.joined(separator: ", ")) }
        if summary.exposuresOutsideExperiments > 0 {
            lines.append("  exposures outside any experiment: \(summary.exposuresOutsideExperiments)")
        }
        if let first = summary.firstSession, let last = summary.lastSession {
            lines.append("  new workouts from \(time.format(first)) to \(time.format(last))")
        }
        return lines.joined(separator: "\n")
    }
}
