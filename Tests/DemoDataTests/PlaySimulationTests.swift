import DatabaseTestSupport
import DemoData
import ExperimentReport
import Foundation
import MotivationEngine
import PlayerStore
import SQLKit
import Testing

/// Simulated play on a small demo database with trained models: the rows are fixed by the
/// seed, come after the start in time order, carry the experiment and arm, spread evenly over
/// the arms, and an arm's simulated effect shows in the return rate computed from the rows.
@Suite("Play simulation")
struct PlaySimulationTests {
    @Test func theSameSeedWritesTheSameRows() async throws {
        let fixture = try await SimulationFixture.shared
        let first = try await fixture.simulate(weeks: 3, seed: 7)
        let again = try await fixture.simulate(weeks: 3, seed: 7)
        let other = try await fixture.simulate(weeks: 3, seed: 8)
        #expect(first.summary == again.summary)
        #expect(first.rows.workouts == again.rows.workouts)
        #expect(first.rows.exposures == again.rows.exposures)
        #expect(first.rows.workouts != other.rows.workouts)
    }

    @Test(arguments: TestDatabases.backends)
    func writesSessionsAfterTheStartInTimeOrderWithTheirArms(_ backend: Backend) async throws {
        let fixture = try await SimulationFixture.shared
        try await TestDatabases.with(backend) { database in
            _ = try await database.open { db in
                try await DemoDatabase.write(to: db, users: SimulationFixture.users, seed: SimulationFixture.seed)
            }
            let simulation = PlaySimulation(registry: fixture.registry, plan: DemoExperiment.plan, weeks: 4)
            let (summary, rows) = try await database.open { db in
                let summary = try await simulation.run(on: db)
                return (summary, try await SimulatedRows(db, after: fixture.workouts))
            }
            let start = summary.start.timeIntervalSince1970
            #expect(summary.players > 100)
            #expect(rows.workouts.count == summary.sessions)
            #expect(rows.exposures.count == summary.sessions)
            #expect(rows.workouts.allSatisfy { $0.completed && $0.at > start && $0.score >= 0 })
            #expect(zip(rows.workouts, rows.workouts.dropFirst()).allSatisfy { $0.at <= $1.at })
            #expect(zip(rows.exposures, rows.exposures.dropFirst()).allSatisfy { $0.at <= $1.at })
            for (workout, exposure) in zip(rows.workouts, rows.exposures) {
                #expect(exposure.userId == workout.userId)
                #expect(exposure.at > workout.at && exposure.at <= workout.at + 10)
            }
            #expect(rows.exposures.allSatisfy { $0.experiment == DemoExperiment.name && $0.route == PlaySimulation.route })
            #expect(Dictionary(grouping: rows.exposures) { $0.arm ?? "" }.mapValues(\.count) == summary.exposuresByArm)
            #expect(rows.exposures.allSatisfy { ($0.arm == Experiment.controlArm) != $0.targetShown })

            // Players, not exposures, are what the hash spreads over the four equal arms.
            let players = Dictionary(grouping: rows.assignments, by: \.arm).mapValues(\.count)
            #expect(Set(players.keys) == ["control", "cohort", "personal", "blended"])
            for (arm, count) in players {
                #expect(abs(Double(count) / Double(rows.assignments.count) - 0.25) < 0.1, "\(arm): \(count) of \(rows.assignments.count)")
            }
        }
    }

    @Test func anArmsEffectShowsInItsReturnRate() async throws {
        let fixture = try await SimulationFixture.shared
        let null = try await fixture.simulate(weeks: 8)
        let boosted = try await fixture.simulate(weeks: 8, effects: SimulatedEffects(arms: ["personal": 0.4]))
        let nullRates = null.rows.sevenDayReturnRates(until: null.summary.end)
        let boostedRates = boosted.rows.sevenDayReturnRates(until: boosted.summary.end)

        // With the effect the arm returns measurably more often than control (by more than
        // twice the standard error of the difference); without it, it does not.
        #expect(boostedRates["personal"]!.exceeds(boostedRates["control"]!))
        #expect(!nullRates["personal"]!.exceeds(nullRates["control"]!))
        #expect(boostedRates["personal"]!.rate > nullRates["personal"]!.rate + 0.2)
        // Every player draws from a stream of their own: the other arms play exactly as before.
        let others = { (rows: SimulatedRows) in rows.exposures.filter { $0.arm != "personal" } }
        #expect(others(boosted.rows) == others(null.rows))
    }

    @Test("end to end: the report finds a simulated effect, with the right sign, and none when there is none")
    func theReportFindsWhatWasSimulated() async throws {
        let fixture = try await SimulationFixture.shared
        func sevenDay(_ report: RetentionReport, _ arm: String) throws -> RetentionReport.Difference {
            let results = try #require(report.arms.first { $0.arm == arm })
            return try #require(results.vsControl?.returnedWithin7Days ?? nil)
        }
        let boosted = try await fixture.report(weeks: 8, effects: SimulatedEffects(arms: ["personal": 0.4]))
        let personal = try sevenDay(boosted, "personal")
        #expect(personal.difference > 0 && personal.excludesZero, "\(personal)")
        #expect(boosted.verdict.contains { $0.hasPrefix("Players shown personal targets returned within 7 days more often than control") })

        let harmed = try await fixture.report(weeks: 8, effects: SimulatedEffects(arms: ["cohort": -0.4]))
        let cohort = try sevenDay(harmed, "cohort")
        #expect(cohort.difference < 0 && cohort.excludesZero, "\(cohort)")

        let null = try await fixture.report(weeks: 8)
        for arm in ["cohort", "personal", "blended"] {
            #expect(!(try sevenDay(null, arm)).excludesZero, "\(arm)")
            #expect(null.verdict.contains { $0.hasPrefix("No evidence that \(arm) targets change 7-day return") })
        }
    }

    @Test func refusesWhatItCannotSimulate() async throws {
        let fixture = try await SimulationFixture.shared
        let path = try fixture.copyDatabase()
        defer { try? FileManager.default.removeItem(atPath: path) }
        func run(_ simulation: PlaySimulation) async throws {
            _ = try await PlayerDatabase.with(.sqlite(path: path)) { db in try await simulation.run(on: db) }
        }
        await #expect(throws: SimulationError.invalidWeeks(0)) {
            try await run(PlaySimulation(registry: fixture.registry, plan: DemoExperiment.plan, weeks: 0))
        }
        let unknownArm = await #expect(throws: SimulationError.self) {
            try await run(
                PlaySimulation(
                    registry: fixture.registry, plan: DemoExperiment.plan, weeks: 1, effects: SimulatedEffects(arms: ["bold": 0.1])))
        }
        #expect(unknownArm?.description.contains("'bold'") == true)
        let later = ExperimentPlan(experiments: [
            Experiment(
                name: "later", start: Date(timeIntervalSince1970: 1_900_000_000),
                arms: [ExperimentArm(name: "control", share: 1, policy: nil)])
        ])
        let noExperiment = await #expect(throws: SimulationError.self) {
            try await run(PlaySimulation(registry: fixture.registry, plan: later, weeks: 2))
        }
        #expect(noExperiment?.description.contains("no experiment runs between 2026-10-31") == true)
        // Refused before anything is written, the engine's tables included.
        let tables = try await PlayerDatabase.with(.sqlite(path: path)) { db in
            try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all().map {
                try $0.decode(column: "name", as: String.self)
            }
        }
        #expect(Set(tables) == ["Users", "HealthData", "Workouts", "RaceConfigs"])
    }

    @Test func effectsAreCheckedAndAddedToTheBaseChance() {
        let plan = DemoExperiment.plan
        #expect(SimulatedEffects().problem(in: plan) == nil)
        #expect(SimulatedEffects(arms: ["personal": 0.5, "control": -0.5], reachable: 0.1, tooHard: -0.1).problem(in: plan) == nil)
        #expect(SimulatedEffects(arms: ["personal": 0.6]).problem(in: plan)?.contains("'personal'") == true)
        #expect(SimulatedEffects(reachable: -0.7).problem(in: plan)?.contains("reachable effect") == true)
        #expect(SimulatedEffects(arms: ["bold": 0.1]).problem(in: plan)?.contains("no arm") == true)

        let effects = SimulatedEffects(arms: ["personal": 0.1], reachable: 0.05, tooHard: -0.2)
        #expect(effects.returnProbability(base: 0.5, arm: "personal", targetShown: true, withinReach: true) == 0.65)
        #expect(effects.returnProbability(base: 0.5, arm: "personal", targetShown: true, withinReach: false) == 0.4)
        #expect(effects.returnProbability(base: 0.5, arm: "control", targetShown: false, withinReach: false) == 0.5)
        #expect(effects.returnProbability(base: 0.95, arm: "personal", targetShown: true, withinReach: true) == 0.99)
        #expect(effects.returnProbability(base: 0.05, arm: nil, targetShown: true, withinReach: false) == 0.01)
    }
}

/// A demo database of 3,000 users (seed 42, SQLite) and models of its segments with at least
/// 50 players, made once per test process in a temporary folder. Simulations run on copies.
private struct SimulationFixture: Sendable {
    static let users = 3_000
    static let seed = DemoDataGenerator.defaultSeed

    let folder: URL
    let databasePath: String
    let registry: ModelRegistry
    /// The demo's workouts (the largest workout id before any simulation).
    let workouts: Int

    static var shared: SimulationFixture {
        get async throws { try await made.value }
    }

    private static let made = Task<SimulationFixture, any Error> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sphery-simulation-\(UUID().uuidString)")
        simulationFolder = folder.path
        atexit { simulationFolder.map { try? FileManager.default.removeItem(atPath: $0) } }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let databasePath = folder.appendingPathComponent("players.sqlite").path
        let (plan, groups) = try await PlayerDatabase.with(.sqlite(path: databasePath)) { db in
            (
                try await DemoDatabase.write(to: db, users: users, seed: seed),
                try await PlayerQueries(db).workoutsBySegment(matching: SegmentDefaults())
            )
        }
        var options = TrainingOptions()
        options.restarts = 2
        let trainer = SegmentTrainer(options: options)
        var engines: [SegmentKey: SegmentEngine] = [:]
        for (segment, records) in groups {
            guard let model = try? trainer.train(records, segment: segment) else { continue }
            engines[segment] = SegmentEngine(model: model)
        }
        return SimulationFixture(
            folder: folder, databasePath: databasePath, registry: ModelRegistry(engines: engines), workouts: plan.workouts)
    }

    /// A private copy of the demo database.
    func copyDatabase() throws -> String {
        let copy = folder.appendingPathComponent("copy-\(UUID().uuidString).sqlite").path
        try FileManager.default.copyItem(atPath: databasePath, toPath: copy)
        return copy
    }

    /// Simulates on a copy of the demo database and reports the demo experiment as of the end.
    func report(weeks: Int, effects: SimulatedEffects = SimulatedEffects()) async throws -> RetentionReport {
        let path = try copyDatabase()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let simulation = PlaySimulation(registry: registry, plan: DemoExperiment.plan, weeks: weeks, effects: effects)
        return try await PlayerDatabase.with(.sqlite(path: path)) { db in
            _ = try await simulation.run(on: db)
            return try await RetentionReporter(plan: DemoExperiment.plan).report(from: try await ExposureOutcomeQuery.verified(db)).report
        }
    }

    /// Simulates on a copy of the demo database; returns the summary and the rows written.
    func simulate(
        weeks: Int, seed: UInt64 = DemoDataGenerator.defaultSeed, effects: SimulatedEffects = SimulatedEffects()
    ) async throws -> (summary: SimulationSummary, rows: SimulatedRows) {
        let path = try copyDatabase()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let simulation = PlaySimulation(registry: registry, plan: DemoExperiment.plan, weeks: weeks, seed: seed, effects: effects)
        let workouts = workouts
        return try await PlayerDatabase.with(.sqlite(path: path)) { db in
            let summary = try await simulation.run(on: db)
            return (summary, try await SimulatedRows(db, after: workouts))
        }
    }
}

/// The fixture's folder, removed when the test process ends.
nonisolated(unsafe) private var simulationFolder: String?

/// What a simulation wrote, read back: workouts (with their race configurations), exposures and
/// experiment assignments, in id order; times in seconds since 1970.
private struct SimulatedRows: Sendable {
    struct Workout: Equatable {
        let userId: Int
        let score: Double
        let completed: Bool
        let at: Double
        let gameMode: String
        let difficulty: Int
        let duration: Int
    }

    struct Exposure: Equatable {
        let userId: Int
        let at: Double
        let experiment: String?
        let arm: String?
        let targetShown: Bool
        let nextTarget: Double
        let message: String
        let route: String
    }

    struct Assignment: Equatable {
        let userId: String
        let arm: String
    }

    let workouts: [Workout]
    let exposures: [Exposure]
    let assignments: [Assignment]
    /// Every completed workout's time, by user (the demo's as well).
    let completedTimes: [Int: [Double]]

    /// Reads the rows of workouts with ids above `demoWorkouts`, and all exposures.
    init(_ db: any SQLDatabase, after demoWorkouts: Int) async throws {
        let postgres = db.dialect.name == "postgresql"
        func seconds(_ column: String) -> String {
            postgres ? "EXTRACT(EPOCH FROM \(column))::double precision" : "((julianday(\(column)) - 2440587.5) * 86400.0)"
        }
        let completed = postgres ? #"w."completedWorkout""# : #"w."completedWorkout" = 1"#
        let createdAt = seconds(#"w."createdAt""#)
        workouts = try await db.raw(
            """
            SELECT w."userId" AS user_id, w.score AS score, \(unsafeRaw: completed) AS completed, \(unsafeRaw: createdAt) AS at,
                   rc."gameMode" AS game_mode, rc.difficulty AS difficulty, rc.duration AS duration
            FROM "Workouts" w JOIN "RaceConfigs" rc ON rc."workoutId" = w.id
            WHERE w.id > \(bind: demoWorkouts) ORDER BY w.id
            """
        ).all().map { row in
            Workout(
                userId: try row.decode(column: "user_id", as: Int.self), score: try row.decode(column: "score", as: Double.self),
                completed: try row.decode(column: "completed", as: Bool.self),
                at: (try row.decode(column: "at", as: Double.self)).rounded(),
                gameMode: try row.decode(column: "game_mode", as: String.self),
                difficulty: try row.decode(column: "difficulty", as: Int.self), duration: try row.decode(column: "duration", as: Int.self))
        }
        exposures = try await db.raw(
            """
            SELECT user_id, \(unsafeRaw: seconds("created_at")) AS at, experiment, arm, target_shown, next_target, message, route
            FROM engine_predictions ORDER BY id
            """
        ).all().map { row in
            Exposure(
                userId: Int(try row.decode(column: "user_id", as: String.self))!,
                at: (try row.decode(column: "at", as: Double.self) * 1000).rounded() / 1000,
                experiment: try row.decode(column: "experiment", as: String?.self), arm: try row.decode(column: "arm", as: String?.self),
                targetShown: try row.decode(column: "target_shown", as: Bool.self),
                nextTarget: try row.decode(column: "next_target", as: Double.self),
                message: try row.decode(column: "message", as: String.self), route: try row.decode(column: "route", as: String.self))
        }
        assignments = try await db.raw("SELECT user_id, arm FROM engine_experiment_assignments ORDER BY user_id").all().map { row in
            Assignment(userId: try row.decode(column: "user_id", as: String.self), arm: try row.decode(column: "arm", as: String.self))
        }
        let times = try await db.raw(
            #"SELECT w."userId" AS user_id, \#(unsafeRaw: createdAt) AS at FROM "Workouts" w WHERE \#(unsafeRaw: completed)"#
        ).all()
        completedTimes = Dictionary(
            grouping: try times.map { row in
                (try row.decode(column: "user_id", as: Int.self), try row.decode(column: "at", as: Double.self).rounded())
            }, by: \.0
        ).mapValues { $0.map(\.1) }
    }

    /// Per arm, the share of exposures followed by a completed workout of the player within 7
    /// days, over the exposures whose 7 days had passed by `end`.
    func sevenDayReturnRates(until end: Date) -> [String: ReturnRate] {
        let week = 7.0 * 86_400
        var rates: [String: ReturnRate] = [:]
        for exposure in exposures where exposure.at + week <= end.timeIntervalSince1970 {
            let returned = completedTimes[exposure.userId, default: []].contains { $0 > exposure.at && $0 <= exposure.at + week }
            rates[exposure.arm ?? "", default: ReturnRate()].add(returned)
        }
        return rates
    }
}

/// A share of exposures that returned, with its sample size.
private struct ReturnRate {
    var returned = 0
    var exposures = 0

    var rate: Double { Double(returned) / Double(exposures) }

    mutating func add(_ didReturn: Bool) {
        exposures += 1
        if didReturn { returned += 1 }
    }

    /// Whether this rate is above `other` by more than twice the difference's standard error.
    func exceeds(_ other: ReturnRate) -> Bool {
        let variance = rate * (1 - rate) / Double(exposures) + other.rate * (1 - other.rate) / Double(other.exposures)
        return rate - other.rate > 2 * variance.squareRoot()
    }
}
