import Foundation

/// Recognises the databases' "no such table/column" errors and names what is missing.
enum SchemaErrors {
    /// The patterns of SQLite's and PostgreSQL's messages, with the kind of thing they name.
    private static let patterns: [(kind: String, pattern: String)] = [
        ("table", #"no such table: ([A-Za-z_][A-Za-z0-9_]*)"#),
        ("column", #"no such column: ([A-Za-z_][A-Za-z0-9_."]*)"#),
        ("table", #"relation \\?"([A-Za-z_][A-Za-z0-9_]*)\\?" does not exist"#),
        ("column", #"column \\?"?([A-Za-z_][A-Za-z0-9_."\\]*?)\\?"? does not exist"#),
    ]

    static func describe(_ error: any Error) -> any Error {
        let text = String(reflecting: error)
        for (kind, pattern) in patterns {
            guard let expression = try? NSRegularExpression(pattern: pattern),
                let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                let range = Range(match.range(at: 1), in: text)
            else { continue }
            let name = text[range].replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "\"", with: "")
            return DatabaseError.missingSchema("the \(kind) \"\(name)\"")
        }
        return DatabaseError.queryFailed(String(describing: error))
    }
}
