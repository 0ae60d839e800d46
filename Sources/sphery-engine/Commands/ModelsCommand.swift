import ArgumentParser
import Foundation
import PlayerStore

/// `sphery-engine models`: the model registry (`engine_models`) from the command line.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List, activate and roll back the versions in the model registry.",
        discussion: """
            The registry holds every published version of every segment (train --db URL --publish); \
            one per segment is active, and every serve --models registry replica switches to a newly \
            activated version within seconds (PostgreSQL LISTEN/NOTIFY; polling on SQLite).
            """,
        subcommands: [List.self, Activate.self, Rollback.self])

    /// `models list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every stored version, the active ones marked.")

        @OptionGroup var database: DatabaseOption

        @Flag(help: "Print JSON on standard output instead of a table.")
        var json = false

        func run() async throws {
            let models = try await PlayerDatabase.with(try database.location()) { try await ModelRegistryQuery($0).list() }
            if json {
                print(try JSONOutput.string(models.map(RegistryEntry.init)))
            } else {
                print(RegistryEntry.table(models))
            }
        }
    }

    /// `models activate ID`.
    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a stored version its segment's active one (its body is checked first; a bad one is refused).")

        @Argument(help: "The model id, as models list shows it.")
        var id: String

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let id = id
            let model = try await PlayerDatabase.with(try database.location()) { try await ModelRegistryQuery($0).activate(id) }
            StandardError.print("\(model.id) is now the active model of \(model.segment.fileStem)")
        }
    }

    /// `models rollback SEGMENT`.
    struct Rollback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring back the version of a segment published before the active one.")

        @Argument(help: "The segment, as in model file names: DualFlow_-1_10.")
        var segment: String

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let segment = segment
            let model = try await PlayerDatabase.with(try database.location()) {
                try await ModelRegistryQuery($0).rollback(segment: segment)
            }
            StandardError.print("rolled back: \(model.id) is now the active model of \(segment)")
        }
    }
}

/// A registry row as `models list` prints it.
struct RegistryEntry: Encodable {
    let model: PublishedModel

    init(_ model: PublishedModel) {
        self.model = model
    }

    enum CodingKeys: String, CodingKey {
        case id, segment, format, players, active
        case engineVersion = "engine_version"
        case trainedAt = "trained_at"
        case publishedAt = "published_at"
        case activatedAt = "activated_at"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model.id, forKey: .id)
        try container.encode(model.segment, forKey: .segment)
        try container.encode(model.format, forKey: .format)
        try container.encode(model.players, forKey: .players)
        try container.encode(model.isActive, forKey: .active)
        try container.encode(model.engineVersion, forKey: .engineVersion)
        try container.encode(model.trainedAt, forKey: .trainedAt)
        try container.encode(model.publishedAt, forKey: .publishedAt)
        try container.encode(model.activatedAt, forKey: .activatedAt)
    }

    /// One line per version: active mark, id, players, format, when trained and published.
    static func table(_ models: [PublishedModel]) -> String {
        guard !models.isEmpty else { return "the model registry is empty; publish with: train --db URL --publish" }
        let time = Date.ISO8601FormatStyle()
        let rows =
            [["", "id", "players", "format", "engine", "trained", "published"]]
            + models.map { model in
                [
                    model.isActive ? "*" : "", model.id, "\(model.players)", model.format.map(String.init) ?? "-", model.engineVersion,
                    time.format(model.trainedAt), model.publishedAt.map(time.format) ?? "-",
                ]
            }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        let lines = rows.map { row in
            String(
                zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                    .reversed().drop { $0 == " " }.reversed())
        }
        return (lines + ["* active: served by every replica that follows the registry"]).joined(separator: "\n")
    }
}
