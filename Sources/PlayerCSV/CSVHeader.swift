import MotivationEngine

/// The header record of a CSV file: finds columns by name.
///
/// Names are compared exactly (case matters) after trimming spaces and tabs around them, so
/// `userId, score` finds `score`. When a name appears twice, the first column wins.
public struct CSVHeader: Sendable {
    /// The column names in file order, trimmed.
    public let names: [String]
    /// The 1-based line of the header in the file.
    public let line: Int
    private let indices: [String: Int]

    /// Reads the column names from the header `record`.
    public init(_ record: CSVRecord) {
        self.init(names: record.strings, line: record.line)
    }

    /// Creates a header from column names, as on `line` of a file.
    public init(names: [String], line: Int = 1) {
        let trimmed = names.map(Self.trim)
        self.names = trimmed
        self.line = line
        var indices: [String: Int] = [:]
        for (index, name) in trimmed.enumerated() where indices[name] == nil {
            indices[name] = index
        }
        self.indices = indices
    }

    /// The 0-based index of the column `name` (trimmed), or nil when there is none.
    public func index(of name: String) -> Int? {
        indices[Self.trim(name)]
    }

    /// The indices of the columns `required`, in the same order.
    ///
    /// - Throws: ``CSVError/Kind/missingColumns`` naming every missing column and the columns
    ///   the file has.
    public func indices(of required: [String]) throws(CSVError) -> [Int] {
        var found: [Int] = []
        var missing: [String] = []
        for name in required {
            if let index = index(of: name) { found.append(index) } else { missing.append(name) }
        }
        guard missing.isEmpty else {
            let noun = missing.count == 1 ? "column" : "columns"
            throw CSVError(
                .missingColumns, line: line,
                message: "the header lacks the required \(noun) \(Self.list(missing)); "
                    + "it has \(names.isEmpty ? "none" : Self.list(names))")
        }
        return found
    }

    /// The index of the column `name`.
    ///
    /// - Throws: ``CSVError/Kind/missingColumns`` naming the columns the file has.
    public func index(ofRequired name: String) throws(CSVError) -> Int {
        try indices(of: [name])[0]
    }

    private static func list(_ names: [String]) -> String {
        names.map { "'\($0)'" }.joined(separator: ", ")
    }

    private static func trim(_ name: String) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = name.firstIndex(where: { !isBlank($0) }),
            let last = name.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(name[first...last])
    }
}
