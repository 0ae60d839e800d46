import ArgumentParser
import Foundation
import PlayerStore

/// `sphery-engine segments`: the segments of a player database and their sizes.
struct SegmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "List every (game mode, difficulty, duration) in the database with its players and workouts.")

    @OptionGroup var database: DatabaseOption

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let segments = try await PlayerDatabase.with(try database.location()) { db in
            try await PlayerQueries(db).segments()
        }
        if json {
            print(try JSONOutput.string(segments))
            return
        }
        print(ScoreText.padded("segment", 42) + ScoreText.padded("players", 10) + "completed workouts")
        for summary in segments {
            print(
                ScoreText.padded(summary.segment.description, 42)
                    + ScoreText.padded(ScoreText.score(Double(summary.players)), 10)
                    + ScoreText.score(Double(summary.workouts)))
        }
    }
}
