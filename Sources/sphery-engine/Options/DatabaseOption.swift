import ArgumentParser
import PlayerStore

/// `--db`: the player database, an SQLite file or a `postgres://` URL.
struct DatabaseOption: ParsableArguments {
    @Option(help: "Player database: an SQLite file (sqlite:PATH) or postgres://user:password@host:port/database.")
    var db: String

    /// The parsed location.
    func location() throws -> DatabaseLocation {
        try DatabaseLocation(db)
    }
}
