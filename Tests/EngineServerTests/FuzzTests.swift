import EngineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Random and mutated input through the real routes: multipart uploads, JSON and CSV bodies,
/// query strings, headers, and raw request heads over a socket. Whatever arrives, the answer is
/// never a 5xx; a 4xx from the API is the JSON error `{"error": {"code", "message"}}` (a
/// dashboard page answers HTML); and the server still answers afterwards. The cases come from
/// a seeded generator (`Fuzzer`): a failure names its case, and the same seed reproduces it.
@Suite("Fuzz: random and mutated input through the real routes")
struct FuzzTests {
    /// A CSV the mutations start from.
    static let csv = "userId,score,age,startSpeed,duration_minutes\n1,150000,25,5,10\n2,90000,,,10\n3,x,30,5,5\n"

    // MARK: - Multipart (the dashboard's batch upload)

    @Test("multipart uploads to POST /batch: the crash case, mutated forms, generated parts and boundaries")
    func multipartUploads() async throws {
        var fuzzer = Fuzzer(stream: 1)
        let valid = Array(Multipart.form(file: Self.csv).utf8)
        let contentType = Multipart.headers[.contentType] ?? ""
        var generated: [(contentType: String, body: [UInt8])] = [
            ("multipart/form-data; boundary=B", Array("--B\r\n\u{80}: x\r\n\r\nv\r\n--B--\r\n".utf8)),
            (
                "multipart/form-data; boundary=B",
                [0x2D, 0x2D, 0x42, 0x0D, 0x0A, 0x80, 0x3A, 0x20, 0x78, 0x0D, 0x0A, 0x0D, 0x0A, 0x76, 0x0D, 0x0A]
                    + Array("--B--\r\n".utf8)
            ),
            ("multipart/form-data; boundary=\"\"", valid), ("multipart/form-data; boundary=", valid), ("multipart/form-data", valid),
        ]
        for _ in 0..<700 {
            switch fuzzer.below(10) {
            case 0..<3:
                generated.append((contentType, fuzzer.mutate(valid, count: 1 + fuzzer.below(3))))
            case 3..<6:
                generated.append((contentType, Self.form(file: fuzzer.mutate(Array(Self.csv.utf8), count: 1 + fuzzer.below(4)))))
            case 6..<8:
                generated.append((contentType, Self.generatedForm(&fuzzer)))
            default:
                let boundary = fuzzer.chance(0.5) ? fuzzer.text(upTo: 80) : String(decoding: fuzzer.bytes(upTo: 80), as: UTF8.self)
                let quoted = fuzzer.chance(0.5) ? "\"\(boundary)\"" : boundary
                generated.append(("multipart/form-data; boundary=\(quoted)", fuzzer.mutate(valid, count: fuzzer.below(3))))
            }
        }
        let cases = generated
        try await Self.run(cases.count, database: false) { client, index in
            let (type, body) = cases[index]
            let headers = HTTPFields([HTTPField(name: .contentType, lenientValue: Array(type.utf8))])
            return try await client.execute(uri: "/batch", method: .post, headers: headers, body: ByteBuffer(bytes: body)) {
                Self.outcome(of: $0, api: false, input: "Content-Type: \(type)\n\(Fuzzer.describe(body))")
            }
        }
    }

    /// The batch page's form with `file` as the file's bytes.
    static func form(file: [UInt8]) -> [UInt8] {
        let marker = "\u{1}file\u{1}"
        let around = Multipart.form(file: marker).components(separatedBy: marker)
        return Array(around[0].utf8) + file + Array(around[1].utf8)
    }

    /// A form of random parts: header names and values from any bytes, known and unknown fields.
    static func generatedForm(_ fuzzer: inout Fuzzer) -> [UInt8] {
        let delimiter = Array("--\(Multipart.boundary)".utf8)
        var body: [UInt8] = fuzzer.chance(0.2) ? fuzzer.bytes(upTo: 20) + Array("\r\n".utf8) : []
        for _ in 0..<fuzzer.below(5) {
            body += delimiter + Array("\r\n".utf8)
            for _ in 0..<fuzzer.below(4) {
                let name: [UInt8] = fuzzer.pick([
                    Array("Content-Disposition".utf8), Array("Content-Type".utf8), Array("content-disposition".utf8),
                    Array(fuzzer.text(upTo: 12).utf8), fuzzer.bytes(upTo: 12),
                ])
                let value: [UInt8] = fuzzer.pick([
                    Array("form-data; name=\"\(fuzzer.pick(["file", "segment", "language", "x"]))\"".utf8),
                    Array("form-data; name=\(fuzzer.text(upTo: 10)); filename=\"\(fuzzer.text(upTo: 10))\"".utf8),
                    Array(fuzzer.text(upTo: 30).utf8), fuzzer.bytes(upTo: 30),
                ])
                body += name + Array(":".utf8) + (fuzzer.chance(0.8) ? [0x20] : []) + value + Array("\r\n".utf8)
            }
            body += Array("\r\n".utf8) + (fuzzer.chance(0.5) ? Array(Self.csv.utf8) : fuzzer.bytes(upTo: 64)) + Array("\r\n".utf8)
        }
        if fuzzer.chance(0.8) { body += delimiter + Array("--\r\n".utf8) }
        return body
    }

    // MARK: - JSON bodies

    @Test("JSON bodies to POST /v1/analyze: generated players, mutated valid bodies, random bytes")
    func analyzeBodies() async throws {
        var fuzzer = Fuzzer(stream: 2)
        let valid = Array(ServerFixture.expert10.utf8)
        let cases: [(query: String, body: [UInt8])] = (0..<900).map { _ in
            let body: [UInt8]
            switch fuzzer.below(10) {
            case 0..<5: body = Array(Self.player(&fuzzer).utf8)
            case 5..<9: body = fuzzer.mutate(valid, count: 1 + fuzzer.below(3))
            default: body = fuzzer.bytes(upTo: 200)
            }
            return (fuzzer.chance(0.2) ? "?language=" + Fuzzer.percentEncoded(Array(fuzzer.text(upTo: 6).utf8)) : "", body)
        }
        try await Self.run(cases.count, database: false) { client, index in
            let (query, body) = cases[index]
            return try await client.execute(uri: "/v1/analyze" + query, method: .post, body: ByteBuffer(bytes: body)) {
                Self.outcome(of: $0, api: true, input: query + " " + Fuzzer.describe(body))
            }
        }
    }

    @Test("JSON bodies to POST /v1/analyze/batch: arrays of generated players, mutated arrays, deep nesting")
    func batchBodies() async throws {
        var fuzzer = Fuzzer(stream: 3)
        let valid = Array(("[" + ServerFixture.expert10 + "," + #"{"score":90000,"duration_minutes":5}"# + "]").utf8)
        let cases: [[UInt8]] = (0..<400).map { _ in
            switch fuzzer.below(10) {
            case 0..<5:
                let items = (0..<fuzzer.below(12)).map { _ in fuzzer.chance(0.9) ? Self.player(&fuzzer) : Self.jsonValue(&fuzzer, depth: 2)
                }
                return Array(("[" + items.joined(separator: ",") + "]").utf8)
            case 5..<9:
                return fuzzer.mutate(valid, count: 1 + fuzzer.below(3))
            default:
                let depth = 1 + fuzzer.below(5_000)
                return Array((String(repeating: "[", count: depth) + (fuzzer.chance(0.5) ? String(repeating: "]", count: depth) : "")).utf8)
            }
        }
        try await Self.run(cases.count, database: false) { client, index in
            try await client.execute(uri: "/v1/analyze/batch", method: .post, body: ByteBuffer(bytes: cases[index])) {
                Self.outcome(of: $0, api: true, input: Fuzzer.describe(cases[index]))
            }
        }
    }

    /// A player object. Half are plausible throughout (each field left out or of a value the
    /// fixture's models take); the others mix values of the field's type, of any type, and
    /// unknown keys.
    static func player(_ fuzzer: inout Fuzzer) -> String {
        let fields: [(key: String, plausible: [String], typed: (inout Fuzzer) -> String)] = [
            ("game_mode", ["\"DualFlow\""], { $0.pick(["\"SphereRun\"", "\"\"", Self.jsonString($0.text(upTo: 12))]) }),
            ("difficulty", ["-1"], { $0.pick(["1", $0.number()]) }),
            ("duration_minutes", ["10", "5", "10.4", "null"], { $0.number() }),
            ("score", ["150000", "0", "98000.5", "1e5"], { $0.number() }),
            ("age", ["25.5", "null", "61"], { $0.number() }),
            ("startSpeed", ["5", "null", "3.5"], { $0.number() }),
            (
                "user_id", ["\"42\"", "7", "\"player-7\""],
                { $0.pick(["\"\"", "\" \"", Self.jsonString($0.text(upTo: 200)), $0.number()]) }
            ),
            ("target_policy", ["\"cohort\"", "\"personal\"", "\"blended\"", "null"], { Self.jsonString($0.text(upTo: 8)) }),
            (
                "recent_scores", ["[]", "[120000,131000.5,98000]", "null"],
                { fuzzer in
                    "["
                        + (0..<fuzzer.below(12)).map { _ in fuzzer.chance(0.9) ? fuzzer.number() : Self.jsonValue(&fuzzer, depth: 1) }
                        .joined(separator: ",") + "]"
                }
            ),
        ]
        let plausible = fuzzer.chance(0.5)
        var members: [String] = []
        for field in fields where field.key == "score" && plausible || fuzzer.chance(0.6) {
            let value =
                plausible
                ? fuzzer.pick(field.plausible)
                : fuzzer.chance(0.7) ? field.typed(&fuzzer) : Self.jsonValue(&fuzzer, depth: 2)
            members.append("\"\(field.key)\":" + value)
        }
        if fuzzer.chance(0.2) { members.append(Self.jsonString(fuzzer.text(upTo: 8)) + ":" + Self.jsonValue(&fuzzer, depth: 3)) }
        return "{" + members.joined(separator: fuzzer.pick([",", ", ", ",\n\t"])) + "}"
    }

    /// Any JSON value, nested at most `depth` deep.
    static func jsonValue(_ fuzzer: inout Fuzzer, depth: Int) -> String {
        switch fuzzer.below(depth > 0 ? 7 : 5) {
        case 0: return fuzzer.number()
        case 1: return Self.jsonString(fuzzer.text(upTo: 20))
        case 2: return fuzzer.pick(["true", "false", "null"])
        case 3: return fuzzer.pick(Fuzzer.interestingTokens)
        case 4: return "\"" + fuzzer.text(upTo: 10) + "\""  // unescaped: control characters, quotes, backslashes
        case 5: return "[" + (0..<fuzzer.below(4)).map { _ in Self.jsonValue(&fuzzer, depth: depth - 1) }.joined(separator: ",") + "]"
        default:
            return "{"
                + (0..<fuzzer.below(4)).map { _ in
                    Self.jsonString(fuzzer.text(upTo: 6)) + ":" + Self.jsonValue(&fuzzer, depth: depth - 1)
                }.joined(separator: ",") + "}"
        }
    }

    /// `text` as a JSON string, escaped.
    static func jsonString(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    // MARK: - CSV

    @Test("CSV bodies to POST /v1/analyze/batch: generated files and mutated valid ones")
    func csvBatches() async throws {
        var fuzzer = Fuzzer(stream: 4)
        let valid = Array(Self.csv.utf8)
        let cases: [(contentType: String, body: [UInt8])] = (0..<400).map { _ in
            let type = fuzzer.pick(["text/csv", "text/csv; charset=utf-8", "TEXT/CSV", "text/csv;" + fuzzer.text(upTo: 10)])
            return (type, fuzzer.chance(0.5) ? Array(Self.generatedCSV(&fuzzer).utf8) : fuzzer.mutate(valid, count: 1 + fuzzer.below(8)))
        }
        try await Self.run(cases.count, database: false) { client, index in
            let (type, body) = cases[index]
            let headers = HTTPFields([HTTPField(name: .contentType, lenientValue: Array(type.utf8))])
            return try await client.execute(uri: "/v1/analyze/batch", method: .post, headers: headers, body: ByteBuffer(bytes: body)) {
                Self.outcome(of: $0, api: true, input: "Content-Type: \(type)\n\(Fuzzer.describe(body))")
            }
        }
    }

    /// A CSV with some of the player columns (and others) in any order, and cells of any kind:
    /// numbers, quoted text with quotes and line breaks, control characters, bytes from 0x80.
    static func generatedCSV(_ fuzzer: inout Fuzzer) -> String {
        var columns = ["userId", "score", "age", "startSpeed", "duration_minutes", "game_mode", "difficulty", "note"]
            .filter { _ in fuzzer.chance(0.6) }
        if fuzzer.chance(0.2) { columns.append(fuzzer.text(upTo: 6)) }
        var lines = [columns.joined(separator: ",")]
        for _ in 0..<fuzzer.below(20) {
            let cells = (0..<max(1, columns.count + fuzzer.below(3) - 1)).map { _ -> String in
                switch fuzzer.below(5) {
                case 0..<2: return fuzzer.number()
                case 2: return "\"" + fuzzer.text(upTo: 12).replacingOccurrences(of: "\"", with: "\"\"") + "\""
                case 3: return fuzzer.pick(["DualFlow", "-1", "10", "5", ""])
                default: return fuzzer.text(upTo: 12)
                }
            }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: fuzzer.pick(["\n", "\r\n", "\r"]))
    }

    // MARK: - Query strings

    @Test("query strings and path parameters on the GET routes, API and dashboard")
    func queryStrings() async throws {
        var fuzzer = Fuzzer(stream: 5)
        let names = [
            "game_mode", "difficulty", "duration", "trend", "target_policy", "language", "experiment", "as_of", "hit_workouts",
            "segment", "score", "age", "start_speed", "user", "recent_scores", "policy",
        ]
        let routes: [(path: (inout Fuzzer) -> String, api: Bool)] = [
            (
                { "/v1/players/" + $0.pick(["2", "1", "-1", "0", $0.number(), Fuzzer.percentEncoded($0.bytes(upTo: 8))]) + "/motivation" },
                true
            ),
            ({ _ in "/v1/reports/retention" }, true),
            ({ "/v1/models/" + $0.pick(["DualFlow_-1_10", Fuzzer.percentEncoded(Array($0.text(upTo: 12).utf8))]) }, true),
            ({ _ in "/v1/segments" }, true),
            ({ _ in "/" }, false),
            ({ _ in "/reports/retention" }, false),
            ({ "/models/" + $0.pick(["DualFlow_-1_5", Fuzzer.percentEncoded($0.bytes(upTo: 12))]) }, false),
            ({ _ in "/batch" }, false),
            ({ _ in "/monitoring" }, false),
        ]
        let cases: [(uri: String, api: Bool)] = (0..<700).map { _ in
            let route = fuzzer.pick(routes)
            let parameters = (0..<fuzzer.below(6)).map { _ -> String in
                let name = fuzzer.chance(0.85) ? fuzzer.pick(names) : Fuzzer.percentEncoded(fuzzer.bytes(upTo: 6))
                let value: String
                switch fuzzer.below(5) {
                case 0: value = fuzzer.number()
                case 1: value = Fuzzer.percentEncoded(fuzzer.bytes(upTo: 16))
                case 2:
                    value = fuzzer.pick([
                        "", "DualFlow", "-1", "10", "en", "de-CH", "personal", "2026-12-01", "2026-02-30", "DualFlow_-1_10",
                    ])
                case 3: value = Fuzzer.percentEncoded(Array(fuzzer.text(upTo: 16).utf8))
                default: value = fuzzer.pick(["%", "%%", "%zz", "%F", "=", "==", "&", "+", "a+b", "%2526"])
                }
                return fuzzer.chance(0.1) ? name : name + "=" + value
            }
            let separator = fuzzer.pick(["&", "&", "&", ";", "&&"])
            return (
                route.path(&fuzzer) + (parameters.isEmpty && fuzzer.chance(0.5) ? "" : "?" + parameters.joined(separator: separator)),
                route.api
            )
        }
        try await Self.run(cases.count, database: true) { client, index in
            let (uri, api) = cases[index]
            return try await client.execute(uri: uri, method: .get) { Self.outcome(of: $0, api: api, input: "GET " + uri) }
        }
    }

    // MARK: - Headers

    @Test("headers: Authorization on the admin route, Content-Type on the batch route, X-Request-Id anywhere")
    func headers() async throws {
        var fuzzer = Fuzzer(stream: 6)
        let key = "0123456789abcdef-test"
        let batch = Array(("[" + ServerFixture.expert10 + "]").utf8)
        let cases: [(uri: String, method: HTTPRequest.Method, field: HTTPField, body: [UInt8])] = (0..<450).map { _ in
            switch fuzzer.below(3) {
            case 0:
                let value = fuzzer.pick([
                    Array("Bearer \(key)".utf8), fuzzer.mutate(Array("Bearer \(key)".utf8), count: 1 + fuzzer.below(3)),
                    fuzzer.bytes(upTo: 60), Array(fuzzer.text(upTo: 40).utf8),
                ])
                return ("/v1/models/reload", .post, HTTPField(name: .authorization, lenientValue: value), [])
            case 1:
                let value = fuzzer.pick([
                    fuzzer.mutate(Array("text/csv; charset=utf-8".utf8), count: 1 + fuzzer.below(3)),
                    fuzzer.mutate(Array("multipart/form-data; boundary=B".utf8), count: fuzzer.below(3)), fuzzer.bytes(upTo: 40),
                ])
                return (
                    "/v1/analyze/batch", .post, HTTPField(name: .contentType, lenientValue: value),
                    fuzzer.chance(0.5) ? batch : Array(Self.csv.utf8)
                )
            default:
                let value = fuzzer.chance(0.5) ? fuzzer.bytes(upTo: 200) : Array(fuzzer.text(upTo: 140).utf8)
                let field = HTTPField(name: HTTPField.Name("X-Request-Id")!, lenientValue: value)
                return fuzzer.chance(0.5)
                    ? ("/v1/analyze", .post, field, Array(ServerFixture.expert10.utf8)) : ("/health", .get, field, [])
            }
        }
        let fixture = try await ServerFixture.shared
        var configuration = fixture.configuration(database: false)
        configuration.modelsDirectory = try fixture.copyModels()
        configuration.adminKey = try AdminKey(key)
        try await Self.run(cases.count, configuration: configuration) { client, index in
            let (uri, method, field, body) = cases[index]
            return try await client.execute(uri: uri, method: method, headers: HTTPFields([field]), body: ByteBuffer(bytes: body)) {
                response in
                let input = "\(method) \(uri) \(field.name): \(Fuzzer.describe(Array(field.value.utf8)))"
                let outcome = Self.outcome(of: response, api: true, input: input)
                let id = response.headers[HTTPField.Name("X-Request-Id")!] ?? ""
                let token =
                    (1...128).contains(id.utf8.count) && id.utf8.allSatisfy { (0x21..<0x7F).contains($0) && $0 != UInt8(ascii: "\"") }
                return token
                    ? outcome
                    : Outcome(
                        status: outcome.status,
                        problem: "\(input): the answer's X-Request-Id is not a short token: \(Fuzzer.describe(Array(id.utf8)))")
            }
        }
    }

    // MARK: - Raw request heads

    @Test("raw request heads over a socket: bytes from 0x80, NUL, CR and LF in the request line and header fields")
    func rawHeads() async throws {
        var fuzzer = Fuzzer(stream: 7)
        let valid = "GET /v1/segments?language=en HTTP/1.1\r\nHost: test\r\nX-Request-Id: abc\r\nAuthorization: Bearer x\r\n"
        let heads: [[UInt8]] = (0..<120).map { _ in
            let line =
                fuzzer.chance(0.5)
                ? Array(fuzzer.text(upTo: 12).utf8) + Array(": ".utf8) + fuzzer.bytes(upTo: 40)
                : Array("X-Fuzz: ".utf8) + Array(fuzzer.text(upTo: 40).utf8)
            let head =
                fuzzer.chance(0.6)
                ? Array(valid.utf8) + line + Array("\r\n".utf8) : fuzzer.mutate(Array(valid.utf8), count: 1 + fuzzer.below(4))
            return head + Array("\r\n".utf8)
        }
        var configuration = try await ServerFixture.shared.configuration(database: false)
        configuration.requestTimeout = .milliseconds(500)
        try await LiveServer.with(configuration) { server in
            var failures: [String] = []
            for head in heads {
                let connection = try await RawConnection.open(port: server.port)
                try await connection.send(bytes: head)
                let received = try await connection.wait(upTo: .seconds(3)) { !$0.answers.isEmpty || $0.closed }
                await connection.close()
                let answers = received.answers
                if answers.isEmpty && !received.closed {
                    failures.append("no answer to \(Fuzzer.describe(head))")
                } else if let bad = answers.first(where: { $0.status >= 500 || ($0.status >= 400 && $0.errorCode == nil) }) {
                    failures.append("\(bad.status) \(bad.body) to \(Fuzzer.describe(head))")
                }
            }
            #expect(failures.isEmpty, "\(failures.count) of \(heads.count) heads: \(failures.prefix(5).joined(separator: "\n"))")
            let connection = try await RawConnection.open(port: server.port)
            try await connection.send("GET /health HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(try await connection.answers().first?.status == 200, "the server stopped answering")
            await connection.close()
        }
    }

    // MARK: - Running and checking

    /// A case's answer: its status, and what is wrong with it if anything.
    struct Outcome: Sendable {
        let status: Int
        let problem: String?
    }

    /// Sends `count` cases through a server (the fixture's, with or without its database) and
    /// fails with the first problems; checks that the cases reached both the routes' work (2xx)
    /// and their errors (4xx), and that a valid analysis is still answered afterwards.
    static func run(
        _ count: Int, database: Bool, sourceLocation: SourceLocation = #_sourceLocation,
        _ send: @escaping @Sendable (any TestClientProtocol, Int) async throws -> Outcome
    ) async throws {
        try await run(
            count, configuration: await ServerFixture.shared.configuration(database: database), sourceLocation: sourceLocation, send)
    }

    static func run(
        _ count: Int, configuration: ServerConfiguration, sourceLocation: SourceLocation = #_sourceLocation,
        _ send: @escaping @Sendable (any TestClientProtocol, Int) async throws -> Outcome
    ) async throws {
        try await withServer(configuration) { client in
            var failures: [String] = []
            var classes: [Int: Int] = [:]
            for index in 0..<count {
                let outcome = try await send(client, index)
                classes[outcome.status / 100, default: 0] += 1
                if let problem = outcome.problem { failures.append("case \(index) (seed \(Fuzzer.baseSeed)): \(problem)") }
            }
            #expect(
                failures.isEmpty, "\(failures.count) of \(count) cases: \(failures.prefix(5).joined(separator: "\n"))",
                sourceLocation: sourceLocation)
            #expect(
                classes[2, default: 0] >= count / 20 && classes[4, default: 0] >= count / 20, "answers by status class: \(classes)",
                sourceLocation: sourceLocation)
            try await BadInputTests.expectStillServing(client, sourceLocation: sourceLocation)
        }
    }

    /// The case's status and what is wrong with `response`, if anything: a 5xx; a 4xx from the
    /// API that is not the JSON error; a 4xx dashboard page that is neither HTML nor the JSON error.
    static func outcome(of response: TestResponse, api: Bool, input: @autoclosure () -> String) -> Outcome {
        let status = response.status.code
        let body = String(buffer: response.body)
        if status >= 500 { return Outcome(status: status, problem: "\(status) \(body.prefix(300)) for \(input())") }
        let type = response.headers[.contentType] ?? ""
        guard status >= 400, api || !type.hasPrefix("text/html") else { return Outcome(status: status, problem: nil) }
        guard type.hasPrefix("application/json"), let error = try? response.error(), !error.code.isEmpty, !error.message.isEmpty else {
            return Outcome(status: status, problem: "\(status) without the JSON error (\(type)): \(body.prefix(300)) for \(input())")
        }
        return Outcome(status: status, problem: nil)
    }
}
