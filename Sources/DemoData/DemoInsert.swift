import PlayerStore
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
    /// PostgreSQL: the rows as one array per column, in `columns` order.
    static func columnArrays(_ rows: ArraySlice<Self>) -> [DemoColumnArray]
}

/// One column of rows as a PostgreSQL array bind, and how an element becomes the column's value
/// (missing values travel as `NaN` or an empty text, since the arrays hold no `NULL`s).
struct DemoColumnArray: Sendable {
    let values: any Encodable & Sendable
    /// The array type, e.g. `bigint[]`.
    let arrayType: String
    /// The value from the unnested element `element`, e.g. `NULLIF(element, '')::date`.
    let select: @Sendable (_ element: String) -> String

    static func integers(_ values: [Int]) -> Self { .init(values: values, arrayType: "bigint[]") { $0 } }
    static func texts(_ values: [String]) -> Self { .init(values: values, arrayType: "text[]") { $0 } }
    static func texts(_ values: [String], as type: String) -> Self {
        .init(values: values, arrayType: "text[]") { "\($0)::\(type)" }
    }
    static func booleans(_ values: [Bool]) -> Self { .init(values: values, arrayType: "boolean[]") { $0 } }
    static func doubles(_ values: [Double?]) -> Self {
        .init(values: values.map { $0 ?? .nan }, arrayType: "float8[]") { "NULLIF(\($0), 'NaN'::float8)" }
    }
    static func optionalTexts(_ values: [String?], as type: String) -> Self {
        .init(values: values.map { $0 ?? "" }, arrayType: "text[]") { "NULLIF(\($0), '')::\(type)" }
    }
}

/// PostgreSQL: one `INSERT INTO "Table" (…) SELECT … FROM unnest($1::bigint[], …)` for many
/// rows: a handful of array binds, so the server parses and plans a tiny statement.
struct DemoArrayInsert<Row: DemoInsertable>: SQLExpression {
    let rows: ArraySlice<Row>

    func serialize(to serializer: inout SQLSerializer) {
        let arrays = Row.columnArrays(rows)
        let names = arrays.indices.map { "c\($0)" }
        serializer.write(#"INSERT INTO "\#(Row.table)" ("# + Row.columns.map { #""\#($0)""# }.joined(separator: ", ") + ") SELECT ")
        serializer.write(zip(arrays, names).map { $0.select($1) }.joined(separator: ", "))
        serializer.write(" FROM unnest(")
        for (index, array) in arrays.enumerated() {
            if index > 0 { serializer.write(", ") }
            serializer.write(bind: array.values)
            serializer.write("::" + array.arrayType)
        }
        serializer.write(") AS u(" + names.joined(separator: ", ") + ")")
    }
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
        let postgres = SQLBackend(serializer.dialect) == .postgresql
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
    static func columnArrays(_ rows: ArraySlice<Self>) -> [DemoColumnArray] {
        [.integers(rows.map(\.id)), .texts(rows.map(\.username))]
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
    static func columnArrays(_ rows: ArraySlice<Self>) -> [DemoColumnArray] {
        [
            .integers(rows.map(\.id)), .integers(rows.map(\.userId)), .optionalTexts(rows.map(\.dobText), as: "date"),
            .doubles(rows.map(\.weight)), .doubles(rows.map(\.height)),
        ]
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
    static func columnArrays(_ rows: ArraySlice<Self>) -> [DemoColumnArray] {
        [
            .integers(rows.map(\.id)), .integers(rows.map(\.userId)), .doubles(rows.map(\.score)),
            .booleans(rows.map(\.completedWorkout)), .texts(rows.map(\.createdAtText), as: "timestamptz"),
        ]
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
    static func columnArrays(_ rows: ArraySlice<Self>) -> [DemoColumnArray] {
        [
            .integers(rows.map(\.id)), .integers(rows.map(\.workoutId)), .texts(rows.map(\.gameMode)),
            .integers(rows.map(\.difficulty)), .integers(rows.map(\.duration)), .doubles(rows.map(\.startSpeed)),
        ]
    }
}
