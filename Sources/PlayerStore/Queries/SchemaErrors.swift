import Foundation
import PostgresNIO

/// Recognises the databases' "no such table/column" errors and names what is missing.
/// PostgreSQL says which by its SQLSTATE (42P01 undefined table, 42703 undefined column);
/// SQLite only in its message.
enum SchemaErrors {
    /// The patterns of SQLite's and PostgreSQL's messages, with the kind of thing they name.
    private static let patterns: [(kind: String, pattern: String)] = [
        ("table", #"no such table: ([A-Za-z_][A-Za-z0-9_]*)"#),
        ("column", #"no such column: ([A-Za-z_][A-Za-z0-9_."]*)"#),
        ("table", #"relation \\?"([A-Za-z_][A-Za-z0-9_]*)\\?" does not exist"#),
        ("column", #"column \\?"?([A-Za-z_][A-Za-z0-9_."\\]*?)\\?"? does not exist"#),
    ]

    /// The PostgreSQL states of a missing table and a missing column.
    private static let missingSchemaStates = ["42P01": "table", "42703": "column"]

    static func describe(_ error: any Error) -> any Error {
        if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] {
            // PostgreSQL: the state decides; the message only gives the name.
            guard let kind = missingSchemaStates[state] else { return DatabaseError.queryFailed(String(describing: error)) }
            let message = error.serverInfo?[.message] ?? ""
            return DatabaseError.missingSchema(missing(in: message) ?? "a \(kind) (\(message))")
        }
        return missing(in: String(reflecting: error)).map(DatabaseError.missingSchema)
            ?? DatabaseError.queryFailed(String(describing: error))
    }

    /// `the table "Workouts"` when `text` names a missing table or column; nil otherwise.
    private static func missing(in text: String) -> String? {
        for (kind, pattern) in patterns {
            guard let expression = try? NSRegularExpression(pattern: pattern),
                let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                let range = Range(match.range(at: 1), in: text)
            else { continue }
            let name = text[range].replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "\"", with: "")
            return "the \(kind) \"\(name)\""
        }
        return nil
    }
}
