import Foundation

/// Recognises the databases' "no such table/column" errors and names what is missing.
enum SchemaErrors {
    static func describe(_ error: any Error) -> any Error {
        let text = String(reflecting: error)
        let patterns = [
            #"no such table: ([A-Za-z_"]+)"#, #"no such column: ([A-Za-z_."]+)"#,
            #"relation \\?"([A-Za-z_]+)\\?" does not exist"#, #"column \\?"?([A-Za-z_.]+)\\?"? does not exist"#,
        ]
        for pattern in patterns {
            if let range = text.range(of: pattern, options: .regularExpression) {
                let match = String(text[range])
                return DatabaseError.missingSchema(match.replacingOccurrences(of: "\\\"", with: "\""))
            }
        }
        return DatabaseError.queryFailed(String(describing: error))
    }
}
