import ArgumentParser
import Foundation
import MotivationEngine
import PlayerStore

/// `sphery-engine train`: trains one model per segment and writes the model files.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model for every segment with enough players and write the model files.",
        discussion: """
            Reads workouts from --db (the Sphery tables: every segment, or those --game-mode, \
            --difficulty and --duration pick) or from --csv: header userId,score,age,startSpeed,\
            duration_minutes (userId optional), plus game_mode and difficulty columns when it holds \
            several segments (without them, give --game-mode and --difficulty). Progress and cleaning \
            reports go to standard error; a summary table ends the run. With --publish the models \
            are also stored in the model registry (the engine_models table of --registry, or of --db) \
            and activated: every `serve --models registry` replica switches to them within seconds.
            """)

    @Option(help: "Player CSV file (workouts).")
    var csv: String?

    @Option(help: "Player database instead of a CSV: an SQLite file or a postgres:// URL.")
    var db: String?

    @OptionGroup var segment: SegmentOptions
    @OptionGroup var models: ModelsOption

    @Option(help: "Clusters per segment: a number, or auto (the lowest BIC in 2…8).")
    var clusters: String = "4"

    @Option(help: "One training row per player from their workouts: median, best, latest or all.")
    var aggregation: Aggregation = .median

    @Option(
        help: """
            What the levels are fitted on: skill (the age-graded score, with start speed and duration; \
            fair across ages) or seed (the original's raw score, age and start speed, for comparison: \
            its levels follow age).
            """)
    var levels: LevelBasis = .skill

    @Option(name: .customLong("n-init"), help: "EM initialisations per segment; the best is kept.")
    var nInit: Int = 5

    @Option(help: "Random seed (the same data and seed give the same model).")
    var seed: UInt64 = 42

    @Option(name: .customLong("min-players"), help: "Segments with fewer players after cleaning are not trained.")
    var minPlayers: Int = 50

    @Flag(help: "Print a JSON summary of the trained models on standard output.")
    var json = false

    @Flag(help: "Also publish the models into the model registry and activate them (run migrate first).")
    var publish = false

    @Option(help: "The database of the model registry for --publish, when it is not --db (e.g. --db is a read replica).")
    var registry: String?

    @Flag(name: .customLong("no-activate"), help: "With --publish: store the models without activating them (see models activate).")
    var noActivate = false

    func validate() throws {
        if publish && registry == nil && db == nil {
            throw ValidationError("--publish needs the registry's database: --db, or --registry when training from --csv")
        }
        if !publish && (registry != nil || noActivate) {
            throw ValidationError("--registry and --no-activate go with --publish")
        }
    }

    func run() async throws {
        guard let clusterCount = ClusterCount(clusters) else {
            throw ValidationError("--clusters must be a number or auto, got '\(clusters)'")
        }
        var options = TrainingOptions()
        options.clusters = clusterCount
        options.aggregation = aggregation
        options.levels = levels
        options.restarts = nInit
        options.seed = seed
        options.minimumPlayers = minPlayers
        let trainer = SegmentTrainer(options: options)

        let source = try await TrainingSource(csv: csv, db: db, defaults: segment.defaults)
        let registryLocation = try (registry ?? db).map(DatabaseLocation.init)
        let trained = try SegmentTraining.trainAll(source, with: trainer, into: URL(fileURLWithPath: models.models))
        if publish, let registryLocation, !trained.isEmpty {
            try await ModelPublishing.publish(trained.map(\.model), to: registryLocation, activate: !noActivate)
        }
        if json { print(try JSONOutput.string(trained)) }
        guard !trained.isEmpty else { throw ExitCode.failure }
    }
}

extension Aggregation: ExpressibleByArgument {}
extension LevelBasis: ExpressibleByArgument {}

/// What `train --json` prints for each model.
struct TrainingSummary: Encodable {
    let model: SegmentModel
    let file: String

    enum CodingKeys: String, CodingKey {
        case file, id, segment, clusters, rows, cleaning, features, fit
        case droppedFeatures = "dropped_features"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(model.id, forKey: .id)
        try container.encode(model.segment, forKey: .segment)
        try container.encode(model.clusters, forKey: .clusters)
        try container.encode(model.rows, forKey: .rows)
        try container.encode(model.cleaning, forKey: .cleaning)
        try container.encode(model.features, forKey: .features)
        try container.encode(model.droppedFeatures, forKey: .droppedFeatures)
        try container.encode(model.fit, forKey: .fit)
    }

    /// One line: players, clusters and what cleaning dropped.
    static func describe(_ model: SegmentModel) -> String {
        let dropped = model.cleaning.dropped.filter { $0.value > 0 }.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.value) \($0.key.rawValue)" }
        let cleaning = dropped.isEmpty ? "none dropped" : "dropped " + dropped.joined(separator: ", ")
        return "\(model.rows.players) players, \(model.rows.kept)/\(model.rows.input) workouts kept (\(cleaning)), "
            + "\(model.mixture.components) clusters (\(model.clusters.map(\.label).joined(separator: ", ")))"
    }
}
