import DatabaseTestSupport
import SQLKit
import Testing

@testable import PlayerStore

@Suite("One query text for both backends (NumberedQuery)")
struct NumberedQueryTests {
    @Test(
        "placeholders repeat, a limit is written as a literal (SQLite would prepare twice), a dollar sign without digits stays",
        arguments: TestDatabases.backends)
    func binds(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            let (rows, sql, binds) = try await database.open { db in
                let query = NumberedQuery(
                    #"SELECT n * $1 AS twice, $2 AS word, '$x' AS text FROM (SELECT 1 AS n UNION ALL SELECT 2 AS n) t ORDER BY n LIMIT $3"#
                ).query(binds: [2, "a", 1])
                var serializer = SQLSerializer(database: db)
                query.serialize(to: &serializer)
                return (try await db.raw(query).all(), serializer.sql, serializer.binds.count)
            }
            #expect(rows.count == 1)
            #expect(try rows.first?.decode(column: "twice", as: Int.self) == 2)
            #expect(try rows.first?.decode(column: "word", as: String.self) == "a")
            #expect(try rows.first?.decode(column: "text", as: String.self) == "$x")
            #expect(sql.hasSuffix("LIMIT 1") && binds == 2, "\(sql)")
        }
    }
}
