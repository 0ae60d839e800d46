import SQLKit

/// A demo row that can be written by a multi-row `INSERT`.
protocol DemoInsertable: Sendable {
    /// The table, unquoted.
    static var table: String { get }
    /// The columns, unquoted, in the order `writeValues` writes them.
    static var columns: [String] { get }
    /// Writes the row's values, comma separated, as binds (or `NULL`); dates are bound as ISO
    /// text and cast on PostgreSQL.
    func writeValues(to serializer: inout SQLSerializer, postgres: Bool)
}

/// One multi-row `INSERT INTO "Table" (…) VALUES (…), (…), …` statement, serialized straight
/// into binds (no intermediate query string of thousands of fragments).
struct DemoInsert<Row: DemoInsertable>: SQLExpression {
    let rows: ArraySlice<Row>

    /// The most rows one statement may carry: `preferred`, bounded by SQLite's 32766 bound
    /// parameters per statement (PostgreSQL allows 65535).
    static func rowsPerStatement(preferred: Int) -> Int {
        max(1, min(preferred, 32_766 / Row.columns.count))
    }

    func serialize(to serializer: inout SQLSerializer) {
        let postgres = serializer.dialect.name == "postgresql"
        serializer.write(#"INSERT INTO "\#(Row.table)" ("# + Row.columns.map { #""\#($0)""# }.joined(separator: ", ") + ") VALUES ")
        var first = true
        for row in rows {
            serializer.write(first ? "(" : ", (")
            first = false
            row.writeValues(to: &serializer, postgres: postgres)
            serializer.write(")")
        }
    }
}

extension SQLSerializer {
    /// Writes a bind, or `NULL` for a missing value.
    mutating func writeOptional(_ value: (any Encodable & Sendable)?) {
        if let value { write(bind: value) } else { write("NULL") }
    }
}

extension DemoUser: DemoInsertable {
    static let table = "Users"
    static let columns = ["id", "username"]
    func writeValues(to serializer: inout SQLSerializer, postgres: Bool) {
        serializer.write(bind: id)
        serializer.write(", ")
        serializer.write(bind: username)
    }
}

extension DemoHealthData: DemoInsertable {
    static let table = "HealthData"
    static let columns = ["id", "userId", "dob", "weight", "height"]
    func writeValues(to serializer: inout SQLSerializer, postgres: Bool) {
        serializer.write(bind: id)
        serializer.write(", ")
        serializer.write(bind: userId)
        serializer.write(", ")
        serializer.writeOptional(dobText)
        if postgres, dob != nil { serializer.write("::date") }
        serializer.write(", ")
        serializer.writeOptional(weight)
        serializer.write(", ")
        serializer.writeOptional(height)
    }
}

extension DemoWorkout: DemoInsertable {
    static let table = "Workouts"
    static let columns = ["id", "userId", "score", "completedWorkout", "createdAt"]
    func writeValues(to serializer: inout SQLSerializer, postgres: Bool) {
        serializer.write(bind: id)
        serializer.write(", ")
        serializer.write(bind: userId)
        serializer.write(", ")
        serializer.writeOptional(score)
        serializer.write(", ")
        if postgres { serializer.write(bind: completedWorkout) } else { serializer.write(bind: completedWorkout ? 1 : 0) }
        serializer.write(", ")
        serializer.write(bind: createdAtText)
        if postgres { serializer.write("::timestamptz") }
    }
}

extension DemoRaceConfig: DemoInsertable {
    static let table = "RaceConfigs"
    static let columns = ["id", "workoutId", "gameMode", "difficulty", "duration", "startSpeed"]
    func writeValues(to serializer: inout SQLSerializer, postgres: Bool) {
        serializer.write(bind: id)
        serializer.write(", ")
        serializer.write(bind: workoutId)
        serializer.write(", ")
        serializer.write(bind: gameMode)
        serializer.write(", ")
        serializer.write(bind: difficulty)
        serializer.write(", ")
        serializer.write(bind: duration)
        serializer.write(", ")
        serializer.writeOptional(startSpeed)
    }
}
