/// Why the exposure log cannot be read, in words for the person running the report.
public enum ExposureLogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The engine's tables are not in the database.
    case missingEngineTables
    /// The engine's tables predate the experiment columns.
    case outdatedEngineTables(version: Int, needed: Int)

    /// The problem in words, naming the table or column.
    public var description: String {
        switch self {
        case .missingEngineTables:
            return "the database has no exposure log (the engine's tables are missing): "
                + "`sphery-engine migrate --db …` creates them, and the service logs the targets it shows there"
        case .outdatedEngineTables(let version, let needed):
            return "the engine's tables are at version \(version) and have no experiment columns (version \(needed) has): "
                + "run `sphery-engine migrate --db …`"
        }
    }
}
