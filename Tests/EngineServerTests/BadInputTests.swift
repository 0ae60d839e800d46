import EngineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MotivationEngine
import PlayerCSV
import Testing

/// The bad-input suite: whatever a caller sends, the answer is a 4xx JSON error
/// `{"error": {"code", "message"}}` whose message names the field or the problem (never a 5xx,
/// never a crash), and the server keeps answering a valid request afterwards.
@Suite("Bad input")
struct BadInputTests {
    /// A valid single-player body (DualFlow · Expert difficulty · 10 min).
    static let valid = ServerFixture.expert10
    /// The segment part of a body, to splice bad fields after.
    static let segment = #""game_mode":"DualFlow","difficulty":-1,"duration_minutes":10"#

    /// A request body and what the error answer to it must say.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let body: [UInt8]
        /// The expected status; nil: any 4xx.
        let status: Int?
        /// The expected `error.code`; nil: any.
        let code: String?
        /// Words the message must contain (a field name, the problem).
        let mentions: [String]
        /// Words the message must not contain (a wrong diagnosis).
        let forbidden: [String]

        init(
            _ name: String, _ body: String, status: Int? = 400, code: String? = "invalid_field", mentions: [String],
            forbidden: [String] = []
        ) {
            self.init(name, bytes: Array(body.utf8), status: status, code: code, mentions: mentions, forbidden: forbidden)
        }

        init(
            _ name: String, bytes: [UInt8], status: Int? = 400, code: String? = "invalid_field", mentions: [String],
            forbidden: [String] = []
        ) {
            self.name = name
            self.body = bytes
            self.status = status
            self.code = code
            self.mentions = mentions
            self.forbidden = forbidden
        }

        var testDescription: String { name }
    }

    // MARK: - Malformed JSON

    static let malformed: [Case] = {
        let cuts = [1, 2, 14, 40, valid.utf8.count / 2, valid.utf8.count - 6, valid.utf8.count - 1]
        let truncated = cuts.map { cut in
            Case("truncated after \(cut) bytes", String(valid.prefix(cut)), mentions: ["JSON"])
        }
        return truncated + [
            Case("null", "null", mentions: ["input"]),
            Case("a JSON array where an object belongs", "[\(valid)]", mentions: ["input", "JSON object"]),
            Case("an empty array", "[]", mentions: ["input", "JSON object"]),
            Case("a number at top level", "42", mentions: ["input", "JSON object"]),
            Case("a string at top level", #""score""#, mentions: ["input", "JSON object"]),
            Case("true at top level", "true", mentions: ["input", "JSON object"]),
            Case("whitespace only", "   \n ", mentions: ["JSON"]),
            Case("not JSON at all", "score=150000&age=25", mentions: ["JSON"]),
            Case("two objects", valid + valid, mentions: ["JSON"]),
            Case("NaN literal", "{\(segment),\"score\":NaN}", mentions: ["JSON"]),
            Case("Infinity literal", "{\(segment),\"score\":Infinity}", mentions: ["JSON"]),
            Case("-Infinity literal", "{\(segment),\"score\":-Infinity}", mentions: ["JSON"]),
            Case("single-quoted keys", "{'score': 150000}", mentions: ["JSON"]),
        ]
    }()

    @Test("malformed JSON is a 400 saying so", arguments: malformed)
    func malformedJSON(_ bad: Case) async throws {
        try await Self.expect(bad, at: "/v1/analyze")
    }

    @Test("an empty body is a 400 invalid_body")
    func emptyBody() async throws {
        try await withServer(ServerFixture.shared.configuration(database: false)) { client in
            try await client.execute(uri: "/v1/analyze", method: .post, body: ByteBuffer()) { response in
                try Self.expectError(response, status: 400, code: "invalid_body", mentions: ["empty"])
            }
            try await Self.expectStillServing(client)
        }
    }

    // MARK: - Wrong types and missing fields

    static let wrongTypes: [Case] = [
        Case("score as a string", "{\(segment),\"score\":\"150000\"}", mentions: ["score", "number"]),
        Case("score as a bool", "{\(segment),\"score\":true}", mentions: ["score", "number"]),
        Case("score as an object", "{\(segment),\"score\":{\"value\":150000}}", mentions: ["score", "number"]),
        Case("score as an array", "{\(segment),\"score\":[150000]}", mentions: ["score", "number"]),
        Case("score as an empty string", "{\(segment),\"score\":\"\"}", mentions: ["score", "number"]),
        Case("age as a string", "{\(segment),\"score\":150000,\"age\":\"old\"}", mentions: ["age", "number"]),
        Case("startSpeed as an array", "{\(segment),\"score\":150000,\"startSpeed\":[5]}", mentions: ["startSpeed", "number"]),
        Case(
            "duration_minutes as an object", #"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":{},"score":1}"#,
            mentions: ["duration_minutes", "number"]),
        // Foundation's decoder on Linux reports a number its type cannot hold without a coding
        // path; AnalysisInput decodes field by field so that the answer names the field.
        Case(
            "difficulty 1.5", #"{"game_mode":"DualFlow","difficulty":1.5,"duration_minutes":10,"score":1}"#,
            mentions: ["difficulty", "whole number"]),
        Case(
            "difficulty as a string", #"{"game_mode":"DualFlow","difficulty":"-1","duration_minutes":10,"score":1}"#,
            mentions: ["difficulty"]),
        Case(
            "difficulty 1e20", #"{"game_mode":"DualFlow","difficulty":1e20,"duration_minutes":10,"score":1}"#,
            mentions: ["difficulty", "whole number"]),
        Case(
            "game_mode as a number", #"{"game_mode":7,"difficulty":-1,"duration_minutes":10,"score":1}"#, mentions: ["game_mode", "string"]),
        Case("user_id as an object", "{\(segment),\"score\":1,\"user_id\":{}}", mentions: ["user_id"]),
        Case("score missing", "{\(segment),\"age\":25}", mentions: ["score", "required"]),
        Case("score null", "{\(segment),\"score\":null}", mentions: ["score", "null"]),
        Case("an empty object", "{}", mentions: ["score", "required"]),
    ]

    @Test("a field of the wrong type, or missing, is a 400 naming the field", arguments: wrongTypes)
    func wrongType(_ bad: Case) async throws {
        try await Self.expect(bad, at: "/v1/analyze")
    }

    // MARK: - Out of range

    static let outOfRange: [Case] = [
        Case("negative score", "{\(segment),\"score\":-1}", mentions: ["score"]),
        Case("score 1e308", "{\(segment),\"score\":1e308}", mentions: ["score"]),
        Case("score 1e400 (overflows a Double)", "{\(segment),\"score\":1e400}", mentions: ["score", "range"]),
        Case("score -1e400", "{\(segment),\"score\":-1e400}", mentions: ["score", "range"]),
        Case("score past the plausible maximum", "{\(segment),\"score\":1000000001}", mentions: ["score"]),
        Case("negative age", "{\(segment),\"score\":150000,\"age\":-3}", mentions: ["age"]),
        Case("age 500", "{\(segment),\"score\":150000,\"age\":500}", mentions: ["age"]),
        Case("age 1e308", "{\(segment),\"score\":150000,\"age\":1e308}", mentions: ["age"]),
        Case("startSpeed -1", "{\(segment),\"score\":150000,\"startSpeed\":-1}", mentions: ["startSpeed"]),
        Case("startSpeed 0", "{\(segment),\"score\":150000,\"startSpeed\":0}", mentions: ["startSpeed"]),
        Case("startSpeed 1e308", "{\(segment),\"score\":150000,\"startSpeed\":1e308}", mentions: ["startSpeed"]),
        // The model lookup checks the duration before looking for a segment of 0 minutes.
        Case(
            "duration_minutes 0", #"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":0,"score":150000}"#,
            mentions: ["duration_minutes"]),
        Case(
            "duration_minutes -10", #"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":-10,"score":150000}"#,
            mentions: ["duration_minutes"]),
    ]

    @Test("an out-of-range value is a 400 naming the field", arguments: outOfRange)
    func outOfRangeValue(_ bad: Case) async throws {
        try await Self.expect(bad, at: "/v1/analyze")
    }

    // MARK: - Deep nesting and invalid UTF-8

    static let nestingAndEncoding: [Case] = [
        Case(
            "10,000 nested arrays", String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
            mentions: ["input"]),
        Case(
            "10,000 nested arrays, unclosed", String(repeating: "[", count: 10_000), mentions: ["input"]),
        Case(
            "10,000 nested objects",
            String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000), mentions: ["input"]),
        Case(
            "a deeply nested object in score",
            "{\(segment),\"score\":" + String(repeating: #"{"a":"#, count: 5_000) + "1" + String(repeating: "}", count: 5_000) + "}",
            mentions: ["JSON"], forbidden: ["not a JSON object"]),  // refused by the parser, before any field
        Case("a nested object in age", "{\(segment),\"score\":150000,\"age\":{\"years\":{\"value\":25}}}", mentions: ["age"]),
        Case("invalid UTF-8 bytes as the body", bytes: [0xFF, 0xFE, 0xFD, 0x00, 0xC3], mentions: ["input"]),
        Case(
            "invalid UTF-8 inside a string value",
            bytes: Array(#"{"game_mode":"Dual"#.utf8) + [0xFF, 0xC3, 0x28]
                + Array(#"Flow","difficulty":-1,"duration_minutes":10,"score":150000}"#.utf8),
            mentions: ["game_mode", "UTF-8"]),
        Case(
            "a truncated UTF-8 sequence at the end of a string",
            bytes: Array("{\(Self.segment),\"score\":150000,\"user_id\":\"ab".utf8) + [0xE2, 0x82] + Array("\"}".utf8),
            mentions: ["user_id", "UTF-8"]),
    ]

    @Test("deep nesting and invalid UTF-8 are a 400, not a crash", arguments: nestingAndEncoding)
    func nestingAndInvalidEncoding(_ bad: Case) async throws {
        try await Self.expect(bad, at: "/v1/analyze")
    }

    static let badBatchBodies: [Case] =
        [
            ("10,000 nested arrays", String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)),
            ("10,000 nested arrays, unclosed", String(repeating: "[", count: 10_000)),
            (
                "10,000 nested objects in an item",
                "[" + String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000) + "]"
            ),
            ("an object where the array belongs", #"{"score":150000}"#),
            ("a truncated array", "[" + valid),
            ("null", "null"),
            ("a number", "42"),
        ].map { name, body in Case(name, body, code: "invalid_body", mentions: ["JSON array"]) } + [
            Case("invalid UTF-8 bytes", bytes: [0x5B, 0xFF, 0xFE, 0x5D], code: "invalid_body", mentions: ["JSON array"])
        ]

    @Test("a JSON batch body that is not an array of objects is a 400 saying so", arguments: badBatchBodies)
    func batchBodyProblems(_ bad: Case) async throws {
        try await Self.expect(bad, at: "/v1/analyze/batch")
    }

    // MARK: - Size limits

    @Test("a 10 MB body to /v1/analyze is a 413 body_too_large naming the limit")
    func hugeSingleBody() async throws {
        try await withServer(ServerFixture.shared.configuration(database: false)) { client in
            let body = ByteBuffer(string: #"{"score":1,"padding":""# + String(repeating: "x", count: 10 * 1024 * 1024) + #""}"#)
            try await client.execute(uri: "/v1/analyze", method: .post, body: body) { response in
                try Self.expectError(response, status: 413, code: "body_too_large", mentions: ["body", "65536"])
            }
            // Just over the limit is refused too; just under is read (and analysed).
            try await client.execute(
                uri: "/v1/analyze", method: .post,
                body: .text(String(repeating: " ", count: 64 * 1024 + 1 - Self.valid.utf8.count) + Self.valid)
            ) { response in
                try Self.expectError(response, status: 413, code: "body_too_large", mentions: ["65536"])
            }
            try await client.execute(
                uri: "/v1/analyze", method: .post,
                body: .text(String(repeating: " ", count: 64 * 1024 - Self.valid.utf8.count) + Self.valid)
            ) { response in
                #expect(response.status == .ok)
            }
            try await Self.expectStillServing(client)
        }
    }

    /// A configuration with small batch limits (1 MB, 10 players) to keep the tests fast.
    static func smallBatchConfiguration() async throws -> ServerConfiguration {
        var configuration = try await ServerFixture.shared.configuration(database: false)
        configuration.maximumBatchBytes = 1024 * 1024
        configuration.maximumBatchItems = 10
        return configuration
    }

    @Test("a batch body over maximumBatchBytes is a 413 body_too_large, JSON or CSV")
    func hugeBatchBody() async throws {
        try await withServer(Self.smallBatchConfiguration()) { client in
            let items = Array(repeating: Self.valid, count: 10).joined(separator: ",")
            let json = "[" + items + String(repeating: " ", count: 2 * 1024 * 1024) + "]"
            try await client.execute(uri: "/v1/analyze/batch", method: .post, body: .text(json)) { response in
                try Self.expectError(response, status: 413, code: "body_too_large", mentions: ["body", "\(1024 * 1024)"])
            }
            let csv = "score,duration_minutes\n" + String(repeating: "150000,10" + String(repeating: " ", count: 1000) + "\n", count: 2048)
            try await client.execute(uri: "/v1/analyze/batch", method: .post, headers: Self.csv, body: .text(csv)) { response in
                try Self.expectError(response, status: 413, code: "body_too_large", mentions: ["body", "\(1024 * 1024)"])
            }
            try await Self.expectStillServing(client)
        }
    }

    @Test("a batch of more than maximumBatchItems players is a 413 too_many_items; exactly the maximum is answered")
    func tooManyItems() async throws {
        try await withServer(Self.smallBatchConfiguration()) { client in
            let eleven = "[" + Array(repeating: Self.valid, count: 11).joined(separator: ",") + "]"
            try await client.execute(uri: "/v1/analyze/batch", method: .post, body: .text(eleven)) { response in
                try Self.expectError(response, status: 413, code: "too_many_items", mentions: ["10", "11"])
            }
            let csv = "score,duration_minutes\n" + String(repeating: "150000,10\n", count: 11)
            try await client.execute(uri: "/v1/analyze/batch", method: .post, headers: Self.csv, body: .text(csv)) { response in
                try Self.expectError(response, status: 413, code: "too_many_items", mentions: ["10", "11"])
            }
            let ten = "[" + Array(repeating: Self.valid, count: 10).joined(separator: ",") + "]"
            try await client.execute(uri: "/v1/analyze/batch", method: .post, body: .text(ten)) { response in
                #expect(response.status == .ok)
                let answer = try response.json()
                #expect(answer["analysed"] as? Int == 10)
            }
            try await Self.expectStillServing(client)
        }
    }

    // MARK: - Per-item errors in a batch

    @Test("a JSON batch mixing good and bad players answers 200 with each bad one's error, in input order")
    func mixedBatch() async throws {
        let items: [(json: String, code: String?, mentions: [String])] = [
            (Self.valid, nil, []),
            ("{\(Self.segment),\"score\":\"150000\"}", "invalid_field", ["score"]),
            (#"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":5,"score":90000}"#, nil, []),
            ("{\(Self.segment),\"score\":-1}", "invalid_field", ["score"]),
            ("42", "invalid_field", ["input", "JSON object"]),
            (#"{"game_mode":"SphereRun","difficulty":2,"duration_minutes":10,"score":1000}"#, "unknown_segment", ["SphereRun"]),
            (#"{"score":1000}"#, "ambiguous_segment", ["game_mode"]),
            ("{\(Self.segment),\"score\":150000,\"age\":500}", "invalid_field", ["age"]),
            ("{\(Self.segment),\"age\":25}", "invalid_field", ["score"]),
            ("{\(Self.segment),\"score\":150000,\"startSpeed\":-1}", "invalid_field", ["startSpeed"]),
            ("[1,2]", "invalid_field", ["input", "JSON object"]),
            ("null", "invalid_field", ["input", "null"]),
            (Self.valid, nil, []),
        ]
        let body = "[" + items.map(\.json).joined(separator: ",") + "]"
        try await withServer(ServerFixture.shared.configuration(database: false)) { client in
            try await client.execute(uri: "/v1/analyze/batch", method: .post, body: .text(body)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let answer = try response.json()
                let results = try #require(answer["results"] as? [[String: Any]])
                try #require(results.count == items.count)
                for (index, (item, result)) in zip(items, results).enumerated() {
                    #expect(result["index"] as? Int == index)
                    if let code = item.code {
                        let error = try #require(result["error"] as? [String: Any], "item \(index) has no error: \(result)")
                        #expect(error["code"] as? String == code, "item \(index): \(error)")
                        let message = try #require(error["message"] as? String)
                        for word in item.mentions {
                            #expect(message.contains(word), "item \(index): '\(message)' does not mention \(word)")
                        }
                        #expect(result["analysis"] == nil)
                    } else {
                        #expect(result["error"] == nil, "item \(index): \(result)")
                        #expect(result["analysis"] is [String: Any])
                    }
                }
                let failed = items.filter { $0.code != nil }.count
                #expect(answer["analysed"] as? Int == items.count - failed)
                #expect(answer["failed"] as? Int == failed)
            }
            try await Self.expectStillServing(client)
        }
    }

    @Test(
        "a number its field cannot hold in one batch item is that item's error, not the batch's",
        arguments: [
            (#"{"game_mode":"DualFlow","difficulty":0.5,"duration_minutes":10,"score":1}"#, "difficulty"),
            (#"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10,"score":1e400}"#, "score"),
        ])
    func unrepresentableNumberInBatch(item: String, field: String) async throws {
        let body = "[" + Self.valid + "," + item + "]"
        try await withServer(ServerFixture.shared.configuration(database: false)) { client in
            try await client.execute(uri: "/v1/analyze/batch", method: .post, body: .text(body)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let answer = try response.json()
                let results = answer["results"] as? [[String: Any]] ?? []
                #expect(results.count == 2)
                #expect(answer["analysed"] as? Int == 1)
                #expect(answer["failed"] as? Int == 1)
                let error = results.last?["error"] as? [String: Any]
                #expect((error?["message"] as? String)?.hasPrefix(field) == true, "\(String(buffer: response.body))")
            }
            try await Self.expectStillServing(client)
        }
    }

    // MARK: - CSV batch

    static let csv: HTTPFields = [.contentType: "text/csv"]

    static let badCSV: [Case] = [
        Case("an unterminated quote", "score,duration_minutes\n\"150000,10\n", code: "invalid_csv", mentions: ["line 2", "quote"]),
        Case("a quote inside an unquoted field", "score,duration_minutes\n150\"000,10\n", code: "invalid_csv", mentions: ["line 2"]),
        Case("text after a closing quote", "score,duration_minutes\n\"150000\"x,10\n", code: "invalid_csv", mentions: ["line 2"]),
        Case("no score column", "userId,age,startSpeed\n1,25,5\n", code: "invalid_csv", mentions: ["score"]),
        Case("a header line only without score", "age\n", code: "invalid_csv", mentions: ["score"]),
        Case("an empty body", "", code: "invalid_body", mentions: ["empty"]),
    ]

    @Test("malformed CSV is a 400 naming the line or the missing column", arguments: badCSV)
    func malformedCSV(_ bad: Case) async throws {
        try await Self.expect(bad, at: "/v1/analyze/batch", headers: Self.csv)
    }

    @Test("an empty batch body does not ask for a JSON object", arguments: [HTTPFields(), csv])
    func emptyBatchBody(_ headers: HTTPFields) async throws {
        try await withServer(ServerFixture.shared.configuration(database: false)) { client in
            try await client.execute(uri: "/v1/analyze/batch", method: .post, headers: headers, body: ByteBuffer()) { response in
                try Self.expectError(response, status: 400, code: "invalid_body", mentions: ["empty"])
                let message = try response.error().message
                #expect(!message.contains("JSON object"), "misleading for the batch route: '\(message)'")
            }
            try await Self.expectStillServing(client)
        }
    }

    @Test("a CSV row that cannot be scored answers 200 with its reason in the error column")
    func badCSVRows() async throws {
        let rows: [(row: String, mentions: [String])] = [
            ("1,abc,10", ["score"]),
            ("2,150000,10", []),
            ("3,-5,10", ["score"]),
            ("4,150000,7", ["7.0 min"]),
            ("5,,10", ["score"]),
            ("6,150000,abc", ["several models"]),
            ("7,150000,0", ["duration_minutes"]),
            ("\u{00FC}ser,150000,10", []),
        ]
        let body = "userId,score,duration_minutes\n" + rows.map(\.row).joined(separator: "\n") + "\n"
        try await withServer(ServerFixture.shared.configuration(database: false)) { client in
            try await client.execute(uri: "/v1/analyze/batch", method: .post, headers: Self.csv, body: .text(body)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                var records: [[String]] = []
                var parser = CSVParser()
                try parser.feed(response.body.readableBytesView) { records.append($0.strings) }
                try parser.finish { records.append($0.strings) }
                let header = try #require(records.first)
                let errorColumn = try #require(header.firstIndex(of: "error"))
                let scored = Array(records.dropFirst())
                try #require(scored.count == rows.count)
                for (index, (row, record)) in zip(rows, scored).enumerated() {
                    #expect(record[0] == row.row.split(separator: ",", omittingEmptySubsequences: false)[0].description, "row \(index)")
                    let error = record[errorColumn]
                    if row.mentions.isEmpty {
                        #expect(error.isEmpty, "row \(index): \(error)")
                    } else {
                        #expect(!error.isEmpty, "row \(index) has no error")
                        for word in row.mentions { #expect(error.contains(word), "row \(index): '\(error)' does not mention \(word)") }
                    }
                }
            }
            try await Self.expectStillServing(client)
        }
    }

    // MARK: - Routes and methods

    @Test(
        "an unknown route or a wrong method is a 404/405 JSON error",
        arguments: [
            ("/nope", HTTPRequest.Method.get),
            ("/v1/analyze/extra", .post),
            ("/v1/analyze", .get),
            ("/v1/analyze/batch", .put),
            ("/v1/models", .delete),
            ("/v1/players/1/motivation", .post),
            ("/v1/nope/../analyze", .get),
        ])
    func unknownRoute(_ path: String, _ method: HTTPRequest.Method) async throws {
        try await withServer(ServerFixture.shared.configuration(database: false)) { client in
            try await client.execute(uri: path, method: method, body: .text(Self.valid)) { response in
                #expect([404, 405].contains(response.status.code), "\(method) \(path): \(response.status)")
                try Self.expectError(response, status: nil, code: nil, mentions: [])
                let error = try response.error()
                #expect(["not_found", "method_not_allowed"].contains(error.code))
            }
            try await Self.expectStillServing(client)
        }
    }

    // MARK: - Player route

    struct PlayerCase: Sendable, CustomTestStringConvertible {
        let uri: String
        let status: Int
        let code: String
        let mentions: [String]
        var testDescription: String { uri }
    }

    static let playerCases: [PlayerCase] = [
        PlayerCase(uri: "/v1/players/abc/motivation?duration=10", status: 400, code: "invalid_field", mentions: ["userId", "abc"]),
        PlayerCase(uri: "/v1/players/-/motivation?duration=10", status: 400, code: "invalid_field", mentions: ["userId"]),
        PlayerCase(uri: "/v1/players/1.5/motivation?duration=10", status: 400, code: "invalid_field", mentions: ["userId"]),
        PlayerCase(
            uri: "/v1/players/99999999999999999999999/motivation?duration=10", status: 400, code: "invalid_field", mentions: ["userId"]),
        PlayerCase(uri: "/v1/players/999999999/motivation?duration=10", status: 404, code: "unknown_user", mentions: ["999999999"]),
        PlayerCase(uri: "/v1/players/1/motivation?duration=10&difficulty=x", status: 400, code: "invalid_field", mentions: ["difficulty"]),
        PlayerCase(
            uri: "/v1/players/1/motivation?duration=10&difficulty=1.5", status: 400, code: "invalid_field", mentions: ["difficulty"]),
        PlayerCase(uri: "/v1/players/1/motivation?duration=-5", status: 400, code: "invalid_field", mentions: ["duration"]),
        PlayerCase(uri: "/v1/players/1/motivation?duration=0", status: 400, code: "invalid_field", mentions: ["duration"]),
        PlayerCase(uri: "/v1/players/1/motivation?duration=abc", status: 400, code: "invalid_field", mentions: ["duration"]),
        PlayerCase(uri: "/v1/players/1/motivation?duration=nan", status: 400, code: "invalid_field", mentions: ["duration"]),
        PlayerCase(uri: "/v1/players/1/motivation?duration=inf", status: 400, code: "invalid_field", mentions: ["duration"]),
        PlayerCase(uri: "/v1/players/1/motivation?duration=10&trend=1", status: 400, code: "invalid_field", mentions: ["trend"]),
        PlayerCase(uri: "/v1/players/1/motivation?duration=10&trend=1001", status: 400, code: "invalid_field", mentions: ["trend"]),
        PlayerCase(uri: "/v1/players/1/motivation?duration=10&trend=x", status: 400, code: "invalid_field", mentions: ["trend"]),
        PlayerCase(uri: "/v1/players/1/motivation?duration=10&language=xx", status: 400, code: "invalid_field", mentions: ["language"]),
        PlayerCase(uri: "/v1/players/1/motivation?duration=7", status: 404, code: "unknown_segment", mentions: ["7"]),
        PlayerCase(
            uri: "/v1/players/1/motivation?duration=10&game_mode=SphereRun", status: 404, code: "unknown_segment", mentions: ["SphereRun"]),
        PlayerCase(uri: "/v1/players/1/motivation", status: 400, code: "ambiguous_segment", mentions: ["duration"]),
    ]

    @Test("a bad player request is a 400/404 naming the parameter", arguments: playerCases)
    func badPlayerRequest(_ bad: PlayerCase) async throws {
        try await withServer(ServerFixture.shared.configuration(database: true)) { client in
            try await client.execute(uri: bad.uri, method: .get) { response in
                try Self.expectError(response, status: bad.status, code: bad.code, mentions: bad.mentions)
            }
            try await Self.expectStillServing(client)
        }
    }

    @Test("without a database the player route is a 503 database_unavailable; bad parameters still a 400")
    func playerWithoutDatabase() async throws {
        let fixture = try await ServerFixture.shared
        let user = try #require(fixture.dualFlowUsers.first)
        try await withServer(fixture.configuration(database: false)) { client in
            try await client.execute(uri: "/v1/players/\(user)/motivation?duration=10", method: .get) { response in
                #expect(response.status.code == 503)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let error = try response.error()
                #expect(error.code == "database_unavailable")
                #expect(error.message.contains("database"))
            }
            try await client.execute(uri: "/v1/players/abc/motivation?duration=10", method: .get) { response in
                try Self.expectError(response, status: 400, code: "invalid_field", mentions: ["userId"])
            }
            try await Self.expectStillServing(client)
        }
    }

    // MARK: - Reload route

    @Test(
        "the reload route without or with a wrong admin key is a 401",
        arguments: [
            nil, "Bearer wrong", "Bearer 0123456789abcdef-tes", "Bearer 0123456789abcdef-test-", "Bearer0123456789abcdef-test",
            "Basic MDEyMzQ1Njc4OWFiY2RlZi10ZXN0", "0123456789abcdef-test", "Bearer ", "Bearers 0123456789abcdef-test",
        ] as [String?])
    func reloadUnauthorized(_ authorization: String?) async throws {
        var configuration = try await ServerFixture.shared.configuration(database: false)
        configuration.adminKey = try AdminKey("0123456789abcdef-test")
        try await withServer(configuration) { client in
            var headers = HTTPFields()
            if let authorization { headers[.authorization] = authorization }
            try await client.execute(uri: "/v1/models/reload", method: .post, headers: headers) { response in
                try Self.expectError(response, status: 401, code: "unauthorized", mentions: ["admin key", "Authorization"])
            }
            try await Self.expectStillServing(client)
        }
    }

    @Test("with no admin key configured the reload route is a 401 for everybody")
    func reloadWithoutKey() async throws {
        try await withServer(ServerFixture.shared.configuration(database: false)) { client in
            try await client.execute(
                uri: "/v1/models/reload", method: .post, headers: [.authorization: "Bearer 0123456789abcdef-test"]
            ) { response in
                try Self.expectError(response, status: 401, code: "unauthorized", mentions: ["admin key"])
            }
            try await Self.expectStillServing(client)
        }
    }

    // MARK: - Crashes

    /// A request that must be answered with a 4xx JSON error; run in a child process because the
    /// server traps on it (a crash would end the whole test run).
    struct CrashCase: Sendable, Codable, CustomTestStringConvertible {
        let name: String
        let uri: String
        let csv: Bool
        let body: String?
        var testDescription: String { name }
    }

    // Regression: `Int(duration.rounded())` / `Int(difficulty)` used to trap on a finite value
    // beyond Int's range (the model lookup, the batch scorer, CSV segment columns, the player
    // route's `duration`). Each case runs in a child process, so a crash fails only itself.
    static let crashCases: [CrashCase] = [
        CrashCase(
            name: "POST /v1/analyze duration_minutes 1e300", uri: "/v1/analyze", csv: false,
            body: #"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":1e300,"score":150000}"#),
        CrashCase(
            name: "POST /v1/analyze duration_minutes -1e300", uri: "/v1/analyze", csv: false,
            body: #"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":-1e300,"score":150000}"#),
        CrashCase(
            name: "POST /v1/analyze/batch [duration_minutes 1e300]", uri: "/v1/analyze/batch", csv: false,
            body: #"[{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":1e300,"score":150000}]"#),
        CrashCase(
            name: "POST /v1/analyze/batch CSV duration_minutes 1e300", uri: "/v1/analyze/batch", csv: true,
            body: "score,duration_minutes\n150000,1e300\n"),
        CrashCase(
            name: "POST /v1/analyze/batch CSV difficulty 1e300", uri: "/v1/analyze/batch", csv: true,
            body: "game_mode,difficulty,duration_minutes,score\nDualFlow,1e300,10,150000\n"),
        CrashCase(
            name: "GET /v1/players/1/motivation?duration=1e300", uri: "/v1/players/1/motivation?duration=1e300", csv: false, body: nil),
    ]

    @Test("a value beyond Int's range is answered, not a crash", arguments: crashCases)
    func noCrash(_ request: CrashCase) async {
        await #expect(processExitsWith: .success, "\(request.name)") { [request] in
            try await BadInputTests.answersClientError(request)
        }
    }

    /// Sends `request` to a fresh server and exits the (child) process with 0 when the answer is a
    /// 4xx JSON error (a CSV batch may answer 200 with the reason in the error column), else 1.
    static func answersClientError(_ request: CrashCase) async throws {
        let configuration = try await ServerFixture.shared.configuration(database: false)
        try await withServer(configuration) { client in
            let ok = try await client.execute(
                uri: request.uri, method: request.body == nil ? .get : .post,
                headers: request.csv ? Self.csv : [:], body: request.body.map { ByteBuffer(string: $0) }
            ) { response in
                // A batch answers 200 with the item's error (JSON) or its error column (CSV).
                if request.uri.hasPrefix("/v1/analyze/batch"), response.status == .ok {
                    return String(buffer: response.body).contains(request.csv ? "must be" : #""error""#)
                }
                return (400..<500).contains(response.status.code) && (try? response.error()) != nil
            }
            exit(ok ? 0 : 1)
        }
    }

    // MARK: - Helpers

    /// Sends `bad` to `uri` and checks the error answer, then that the server still answers.
    static func expect(
        _ bad: Case, at uri: String, headers: HTTPFields = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await withServer(ServerFixture.shared.configuration(database: false)) { client in
            try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: bad.body)) { response in
                try Self.expectError(
                    response, status: bad.status, code: bad.code, mentions: bad.mentions, forbidden: bad.forbidden,
                    sourceLocation: sourceLocation)
            }
            try await Self.expectStillServing(client, sourceLocation: sourceLocation)
        }
    }

    /// Checks that `response` is a JSON error with a 4xx status (`status` when given), `code` when
    /// given, and a message containing every word of `mentions`.
    static func expectError(
        _ response: TestResponse, status: Int?, code: String?, mentions: [String], forbidden: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let body = String(buffer: response.body)
        #expect((400..<500).contains(response.status.code), "status \(response.status): \(body)", sourceLocation: sourceLocation)
        if let status {
            #expect(response.status.code == status, "\(body)", sourceLocation: sourceLocation)
        }
        #expect(
            response.headers[.contentType]?.hasPrefix("application/json") == true,
            "content type \(response.headers[.contentType] ?? "none")", sourceLocation: sourceLocation)
        let error = try response.error()
        #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
        if let code {
            #expect(error.code == code, "\(body)", sourceLocation: sourceLocation)
        }
        for word in mentions {
            #expect(error.message.contains(word), "'\(error.message)' does not mention '\(word)'", sourceLocation: sourceLocation)
        }
        for word in forbidden {
            #expect(!error.message.contains(word), "'\(error.message)' is misleading", sourceLocation: sourceLocation)
        }
    }

    /// Checks that a valid analysis is still answered.
    static func expectStillServing(_ client: any TestClientProtocol, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await client.execute(uri: "/v1/analyze", method: .post, body: .text(valid)) { response in
            #expect(response.status == .ok, "the server stopped answering: \(response.status)", sourceLocation: sourceLocation)
            let answer = try response.json()
            #expect(answer["cluster_prediction"] != nil, sourceLocation: sourceLocation)
        }
    }
}
