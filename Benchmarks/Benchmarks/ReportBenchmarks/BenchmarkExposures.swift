import DemoData
import Foundation
import MotivationEngine
import PlayerStore
import SQLKit

/// The benchmark's exposure log, added to a demo database once: 100,000 players, each exposed
/// once, a minute after the middle one of their completed workouts (so the exposures spread over
/// the eighteen months of the histories and every player has play before and after), with the
/// target the engine sets for that workout under the player's arm, logged through
/// `PredictionRecord.insert` as the service logs them.
enum BenchmarkExposures {
    /// The experiment: the demo's four equal arms, running since before the histories begin.
    static let plan: ExperimentPlan = {
        var experiment = DemoExperiment.plan.experiments[0]
        experiment.name = "report-benchmark"
        experiment.start = Date(timeIntervalSince1970: 0)
        return ExperimentPlan(experiments: [experiment])
    }()

    static var experiment: String { plan.experiments[0].name }

    /// Players exposed.
    static let players = 100_000

    /// Records per `PredictionRecord.insert`.
    static let batch = 1_000

    /// Adds the exposures unless the database has them: trains a model per segment from the
    /// database (as `train --db`), then analyses each player's middle workout.
    static func addIfMissing(to db: any SQLDatabase) async throws {
        try await EngineSchema.migrate(on: db)
        guard try await !ExposureOutcomeQuery(db).experiments().contains(experiment) else { return }
        let clock = ContinuousClock()
        let start = clock.now
        let bySegment = try await PlayerQueries(db).workoutsBySegment(matching: SegmentDefaults())
        var engines: [SegmentKey: SegmentEngine] = [:]
        for (segment, records) in bySegment {
            guard let model = try? SegmentTrainer().train(records, segment: segment) else { continue }
            engines[segment] = SegmentEngine(model: model)
        }
        let registry = ModelRegistry(engines: engines)
        var workouts: [Int: [(segment: SegmentKey, record: PlayerRecord)]] = [:]
        for (segment, records) in bySegment where engines[segment] != nil {
            for record in records {
                guard let user = record.userId.flatMap(Int.init), record.playedAt != nil else { continue }
                workouts[user, default: []].append((segment, record))
            }
        }
        print("exposures: \(engines.count) models trained in \(clock.now - start); logging \(players) exposures")

        try await db.raw("BEGIN").run()
        var pending: [PredictionRecord] = []
        var logged = 0
        for user in workouts.keys.sorted() where logged + pending.count < players {
            let history = workouts[user]!.sorted { $0.record.playedAt! < $1.record.playedAt! }
            let (segment, workout) = history[history.count / 2]
            let at = workout.playedAt!.addingTimeInterval(60)
            let id = String(user)
            guard let score = workout.score, let assignment = plan.assignment(for: id, at: at) else { continue }
            let input = AnalysisInput(
                gameMode: segment.gameMode, difficulty: segment.difficulty, durationMinutes: Double(segment.durationMinutes),
                score: score, age: workout.age, startSpeed: workout.startSpeed, userId: id,
                targetPolicy: assignment.arm.computedPolicy)
            // Dirty rows (impossible scores, ages or speeds) are refused by the engine, as in service.
            guard let analysis = try? registry.analyze(input, showTarget: assignment.arm.showsTarget) else { continue }
            pending.append(PredictionRecord(analysis, userId: id, language: .en, route: "benchmark", assignment: assignment, at: at))
            if pending.count == batch {
                try await PredictionRecord.insert(pending, on: db)
                logged += pending.count
                pending.removeAll(keepingCapacity: true)
            }
        }
        try await PredictionRecord.insert(pending, on: db)
        try await db.raw("COMMIT").run()
        print("exposures: \(logged + pending.count) logged in \(clock.now - start)")
    }
}
