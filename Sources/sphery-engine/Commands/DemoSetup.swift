import DemoData
import Foundation
import MotivationEngine
import PlayerStore

/// `serve --demo`'s first start: a demo SQLite database, its models and a retention experiment
/// in one folder, made when missing and reused afterwards.
struct DemoSetup {
    let directory: URL

    var databaseFile: URL { directory.appendingPathComponent("players.sqlite") }
    var modelsDirectory: URL { directory.appendingPathComponent("models", isDirectory: true) }
    var experimentsFile: URL { directory.appendingPathComponent("experiments.json") }

    /// Makes what is missing.
    /// - Returns: the database, the models folder and the experiments file to serve.
    func prepare() async throws -> (database: DatabaseLocation, models: URL, experiments: URL) {
        try FileManager.default.createDirectory(at: modelsDirectory, withIntermediateDirectories: true)
        let database = DatabaseLocation.sqlite(path: databaseFile.path)
        if !FileManager.default.fileExists(atPath: databaseFile.path) {
            StandardError.print("serve --demo: first start, making the demo database (once)")
            // Written aside and renamed when complete, so an interrupted first start is redone.
            let partial = directory.appendingPathComponent("players.sqlite.partial")
            try? FileManager.default.removeItem(at: partial)
            try await DemoDataWriter.write(
                to: .sqlite(path: partial.path), users: DemoDataGenerator.defaultUsers, seed: DemoDataGenerator.defaultSeed,
                replace: false)
            try FileManager.default.moveItem(at: partial, to: databaseFile)
        }
        let hasModels =
            (try? FileManager.default.contentsOfDirectory(atPath: modelsDirectory.path))?
            .contains { $0.hasSuffix(".json") } ?? false
        if !hasModels {
            StandardError.print("serve --demo: training the demo models (once)")
            let source = try await TrainingSource(csv: nil, db: databaseFile.path, defaults: SegmentDefaults())
            _ = try SegmentTraining.trainAll(source, with: SegmentTrainer(options: TrainingOptions()), into: modelsDirectory)
        }
        if !FileManager.default.fileExists(atPath: experimentsFile.path) {
            try DemoExperiment.write(to: experimentsFile)
        }
        return (database, modelsDirectory, experimentsFile)
    }
}
