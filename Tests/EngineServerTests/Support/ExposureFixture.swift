import Foundation
import MotivationEngine
import PlayerStore

/// A private copy of the server fixture's database with an experiment's exposure log: the
/// first `players` DualFlow / -1 / 10 players each shown a target (in the arm the experiment
/// assigns them) 40 days before the database's last workout, so that their later workouts are
/// outcomes and every window has elapsed.
enum ExposureFixture {
    static let experiment = Experiment(
        name: "fixture-experiment", start: Date(timeIntervalSince1970: 1_700_000_000),
        arms: [
            ExperimentArm(name: "control", share: 0.5, policy: nil),
            ExperimentArm(name: "personal", share: 0.5, policy: .personal),
        ])

    /// The database's path (the caller removes it).
    static func database(players: Int = 300) async throws -> String {
        let fixture = try await ServerFixture.shared
        let path = try fixture.copyDatabase()
        let registry = try ModelRegistry.load(from: fixture.models)
        let plan = ExperimentPlan(experiments: [experiment])
        try await PlayerDatabase.with(.sqlite(path: path)) { db in
            try await EngineSchema.migrate(on: db)
            let end = try await ExposureOutcomeQuery(db).dataClock() ?? Date()
            let shownAt = end.addingTimeInterval(-40 * 86_400)
            var records: [PredictionRecord] = []
            for user in fixture.dualFlowUsers.prefix(players) {
                let id = String(user)
                let presentation = plan.presentation(for: id, requested: nil, at: shownAt)
                let input = AnalysisInput(
                    gameMode: "DualFlow", difficulty: -1, durationMinutes: 10, score: 100_000, userId: id,
                    targetPolicy: presentation.policy)
                let analysis = try registry.analyze(input, showTarget: presentation.showTarget)
                records.append(
                    PredictionRecord(
                        analysis, userId: id, language: .en, route: "/test", assignment: presentation.assignment, at: shownAt))
            }
            try await PredictionRecord.insert(records, on: db)
        }
        return path
    }
}
