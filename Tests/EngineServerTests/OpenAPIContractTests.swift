import EngineAPI
import EngineDashboard
import EngineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MotivationEngine
import Synchronization
import Testing

/// The OpenAPI document (`Resources/openapi.yaml`, served at `/openapi.yaml`), read for the tests.
struct OpenAPIContract: Sendable {
    /// The document as JSON values.
    let document: JSONValue
    /// A validator resolving `$ref`s in the document.
    let validator: SchemaValidator

    /// The HTTP methods an OpenAPI path item can hold operations for.
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The document in the source tree.
    static let sourceURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/EngineAPI/Resources/openapi.yaml")

    /// Parses the document's YAML.
    /// - Throws: when the YAML is malformed or empty.
    init(yaml: String) throws {
        document = try JSONValue.parse(yaml: yaml)
        validator = SchemaValidator(document: document)
    }

    /// The document in the source tree.
    static func fromSource() throws -> OpenAPIContract {
        try OpenAPIContract(yaml: String(contentsOf: sourceURL, encoding: .utf8))
    }

    /// Every documented operation as `METHOD /path/{param}`.
    var operations: Set<String> {
        var operations: Set<String> = []
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for method in Self.methods where item[method] != nil {
                operations.insert("\(method.uppercased()) \(path)")
            }
        }
        return operations
    }

    /// The operation object of `method` on the path template `path`.
    /// - Throws: when the document has none.
    func operation(_ method: HTTPRequest.Method, _ path: String) throws -> JSONValue {
        try #require(document["paths"]?[path]?[method.rawValue.lowercased()], "no operation \(method) \(path) in the document")
    }

    /// The response object (its `$ref` followed) documented for `status`; explicitly, not through `default`.
    func response(_ method: HTTPRequest.Method, _ path: String, status: Int) throws -> JSONValue {
        let responses = try #require(try operation(method, path)["responses"], "\(method) \(path) has no responses")
        let response = try #require(responses[String(status)], "\(method) \(path) does not document status \(status)")
        return try validator.dereference(response)
    }

    /// Every explicitly documented `(operation, status, media type)` as `METHOD /path STATUS media/type`.
    func documentedResponses() throws -> Set<String> {
        var documented: Set<String> = []
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for method in Self.methods {
                guard let operation = item[method] else { continue }
                for (status, response) in operation["responses"]?.objectValue ?? [:] where status != "default" {
                    for mediaType in try validator.dereference(response)["content"]?.objectValue?.keys.sorted() ?? [] {
                        documented.insert("\(method.uppercased()) \(path) \(status) \(mediaType)")
                    }
                }
            }
        }
        return documented
    }

    /// The names of the parameters documented for an operation (path item and operation level) in `location`.
    func parameterNames(_ method: HTTPRequest.Method, _ path: String, in location: String) throws -> Set<String> {
        let item = document["paths"]?[path]
        let listed = (item?["parameters"]?.arrayValue ?? []) + (try operation(method, path)["parameters"]?.arrayValue ?? [])
        var names: Set<String> = []
        for parameter in listed {
            let resolved = try validator.dereference(parameter)
            if resolved["in"]?.string == location, let name = resolved["name"]?.string { names.insert(name) }
        }
        return names
    }
}

/// Route paths as Hummingbird prints them and as OpenAPI writes them, in one form: `{param}`.
enum RoutePath {
    /// `/v1/players/:userId/motivation` and `/v1/players/{userId}/motivation` both give the latter.
    static func normalised(_ path: String) -> String {
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map { component in
            component.hasPrefix(":") ? "{\(component.dropFirst())}" : String(component)
        }
        let joined = components.joined(separator: "/")
        return joined.count > 1 && joined.hasSuffix("/") ? String(joined.dropLast()) : joined
    }

    /// Whether the concrete `path` fits `template` (a `{param}` matches any one non-empty component).
    static func matches(_ path: String, template: String) -> Bool {
        let concrete = path.split(separator: "/", omittingEmptySubsequences: false)
        let pattern = template.split(separator: "/", omittingEmptySubsequences: false)
        guard concrete.count == pattern.count else { return false }
        return zip(concrete, pattern).allSatisfy { part, expected in
            expected.hasPrefix("{") && expected.hasSuffix("}") ? !part.isEmpty : part == expected
        }
    }
}

/// One request the contract test sends and what it must answer.
struct Exchange: Sendable {
    /// Shown in failures.
    var name: String
    var method: HTTPRequest.Method
    /// The request URI, query included.
    var uri: String
    /// The documented path template the request is an instance of.
    var route: String
    var headers: HTTPFields = [:]
    var body: String?
    /// The status the code must answer.
    var status: Int
    /// Whether the JSON request body must match (`true`) or fail (`false`) the documented request
    /// schema; `nil`: not checked (a body that is not what the test is about).
    var bodyMatchesSchema: Bool?
    /// For a JSON error answer, the `error.code` expected.
    var errorCode: String?
}

/// What the contract test saw: every `METHOD /path STATUS media/type` answered and checked.
final class Coverage: Sendable {
    private let seen = Mutex<Set<String>>([])

    /// Records one checked answer.
    func record(_ entry: String) { seen.withLock { _ = $0.insert(entry) } }

    /// Everything recorded.
    var entries: Set<String> { seen.withLock { $0 } }
}

@Suite("OpenAPI contract")
struct OpenAPIContractTests {
    static let admin = "0123456789abcdef-test"

    @Test("the document is OpenAPI 3.1.0, served byte for byte at /openapi.yaml, with every $ref resolvable")
    func documentShape() async throws {
        let contract = try OpenAPIContract.fromSource()
        #expect(contract.document["openapi"] == .string("3.1.0"))
        #expect(contract.document["info"]?["title"]?.string?.isEmpty == false)
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let object):
                if let reference = object["$ref"]?.string { references.append(reference) }
                object.values.forEach(collect)
            case .array(let array): array.forEach(collect)
            default: break
            }
        }
        collect(contract.document)
        #expect(references.count > 50)
        for reference in Set(references) {
            #expect(throws: Never.self, "\(reference)") { _ = try contract.validator.resolve(reference: reference) }
        }
        let source = try Data(contentsOf: OpenAPIContract.sourceURL)
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration(database: false)) { client in
            let response = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(Data(response.body.readableBytesView) == source, "the served document differs from Resources/openapi.yaml")
        }
    }

    @Test("the document names exactly the routes the router has")
    func routes() async throws {
        let fixture = try await ServerFixture.shared
        let contract = try OpenAPIContract.fromSource()
        let service = try EngineService(fixture.configuration(database: false), logger: ServerFixture.quietLogger).withDashboard()
        let routes = Set(service.router().routes.map { "\($0.method.rawValue) \(RoutePath.normalised($0.path.description))" })
        #expect(routes.count >= 11)
        #expect(
            routes == contract.operations,
            "only routed: \(routes.subtracting(contract.operations).sorted()); only documented: \(contract.operations.subtracting(routes).sorted())"
        )
        #expect(RoutePath.normalised("/v1/players/:userId/motivation") == "/v1/players/{userId}/motivation")
    }

    @Test("the examples in the document match their schemas")
    func examples() throws {
        let contract = try OpenAPIContract.fromSource()
        var checked = 0
        for (path, item) in contract.document["paths"]?.objectValue ?? [:] {
            for method in OpenAPIContract.methods {
                guard let operation = item[method] else { continue }
                var media: [(String, JSONValue)] = []
                if let body = operation["requestBody"]?["content"]?.objectValue { media += body.map { ("request", $0.value) } }
                for (status, response) in operation["responses"]?.objectValue ?? [:] {
                    for (_, content) in try contract.validator.dereference(response)["content"]?.objectValue ?? [:] {
                        media.append((status, content))
                    }
                }
                for (part, content) in media {
                    guard let example = content["example"], let schema = content["schema"] else { continue }
                    checked += 1
                    let mismatch = contract.validator.firstMismatch(of: example, against: schema)
                    #expect(mismatch == nil, "\(method.uppercased()) \(path) \(part) example: \(mismatch.map(\.description) ?? "")")
                }
            }
        }
        #expect(checked >= 6)
    }

    @Test("every route answers each documented status with the documented media type and a body matching its schema")
    func answersMatchTheDocument() async throws {
        let fixture = try await ServerFixture.shared
        let contract = try OpenAPIContract.fromSource()
        let coverage = Coverage()
        let users = Array(fixture.dualFlowUsers.prefix(8))
        let user = try #require(users.first)

        // Models, database and admin key; small batch limits so that 413 is cheap to provoke.
        var configuration = fixture.configuration()
        configuration.modelsDirectory = try fixture.copyModels()
        defer { try? FileManager.default.removeItem(at: configuration.modelsDirectory) }
        configuration.adminKey = try AdminKey(Self.admin)
        configuration.maximumBatchItems = 3
        configuration.maximumBatchBytes = 16 * 1024
        let bearer: HTTPFields = [.authorization: "Bearer \(Self.admin)"]
        let csv: HTTPFields = [.contentType: "text/csv"]
        let json: HTTPFields = [.contentType: "application/json"]
        var exchanges: [Exchange] = [
            .init(name: "health", method: .get, uri: "/health", route: "/health", status: 200),
            .init(name: "dashboard form", method: .get, uri: "/", route: "/", status: 200),
            .init(name: "dashboard analysis", method: .get, uri: "/?segment=DualFlow_-1_10&score=150000&age=25", route: "/", status: 200),
            .init(name: "dashboard invalid score", method: .get, uri: "/?segment=DualFlow_-1_10&score=lots", route: "/", status: 400),
            .init(name: "dashboard models", method: .get, uri: "/models", route: "/models", status: 200),
            .init(name: "dashboard batch form", method: .get, uri: "/batch", route: "/batch", status: 200),
            .init(name: "dashboard monitoring", method: .get, uri: "/monitoring", route: "/monitoring", status: 200),
            .init(
                name: "dashboard batch upload", method: .post, uri: "/batch", route: "/batch", headers: Multipart.headers,
                body: Multipart.form(file: "userId,score,age,startSpeed,duration_minutes\n1,150000,25,5,10\n2,x,30,5,10\n"), status: 200),
            .init(name: "dashboard batch without a form", method: .post, uri: "/batch", route: "/batch", body: "score\n1\n", status: 400),
            .init(
                name: "dashboard batch too large", method: .post, uri: "/batch", route: "/batch", headers: Multipart.headers,
                body: Multipart.form(file: "score\n" + String(repeating: "150000\n", count: 4_000)), status: 413),
            .init(name: "dashboard model", method: .get, uri: "/models/DualFlow_-1_10", route: "/models/{segment}", status: 200),
            .init(
                name: "dashboard unknown model", method: .get, uri: "/models/Nope_1_1", route: "/models/{segment}", status: 404,
                errorCode: "unknown_segment"),
            .init(name: "ready with a database", method: .get, uri: "/ready", route: "/ready", status: 200),
            .init(name: "metrics", method: .get, uri: "/metrics", route: "/metrics", status: 200),
            .init(name: "document", method: .get, uri: "/openapi.yaml", route: "/openapi.yaml", status: 200),
            .init(name: "segments", method: .get, uri: "/v1/segments", route: "/v1/segments", status: 200),
            .init(name: "models", method: .get, uri: "/v1/models", route: "/v1/models", status: 200),
            .init(name: "one model", method: .get, uri: "/v1/models/DualFlow_-1_10", route: "/v1/models/{segment}", status: 200),
            .init(name: "other model", method: .get, uri: "/v1/models/DualFlow_-1_5", route: "/v1/models/{segment}", status: 200),
            .init(
                name: "unknown model", method: .get, uri: "/v1/models/SphereRun_2_10", route: "/v1/models/{segment}", status: 404,
                errorCode: "unknown_segment"),
            .init(
                name: "analysis", method: .post, uri: "/v1/analyze", route: "/v1/analyze", headers: json, body: ServerFixture.expert10,
                status: 200, bodyMatchesSchema: true),
            .init(
                name: "analysis in German, age and speed missing", method: .post, uri: "/v1/analyze?language=de",
                route: "/v1/analyze",
                body: #"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10,"score":98000,"age":null,"user_id":"7"}"#,
                status: 200, bodyMatchesSchema: true),
            .init(
                name: "analysis above every percentile (null percentiles)", method: .post, uri: "/v1/analyze?language=fr",
                route: "/v1/analyze",
                body: #"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10,"score":990000,"age":30,"startSpeed":5}"#,
                status: 200, bodyMatchesSchema: true),
            .init(
                name: "analysis without score", method: .post, uri: "/v1/analyze", route: "/v1/analyze",
                body: #"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10}"#, status: 400, bodyMatchesSchema: false,
                errorCode: "invalid_field"),
            .init(
                name: "analysis with a text score", method: .post, uri: "/v1/analyze", route: "/v1/analyze",
                body: #"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10,"score":"lots"}"#, status: 400,
                bodyMatchesSchema: false, errorCode: "invalid_field"),
            .init(
                name: "analysis with a negative score", method: .post, uri: "/v1/analyze", route: "/v1/analyze",
                body: #"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10,"score":-5}"#, status: 400,
                bodyMatchesSchema: false, errorCode: "invalid_field"),
            .init(
                name: "analysis with an empty body", method: .post, uri: "/v1/analyze", route: "/v1/analyze", status: 400,
                errorCode: "invalid_body"),
            .init(
                name: "analysis of an ambiguous segment", method: .post, uri: "/v1/analyze", route: "/v1/analyze",
                body: #"{"score":1000}"#, status: 400, bodyMatchesSchema: true, errorCode: "ambiguous_segment"),
            .init(
                name: "analysis in an unknown language", method: .post, uri: "/v1/analyze?language=xx", route: "/v1/analyze",
                body: ServerFixture.expert10, status: 400, errorCode: "invalid_field"),
            .init(
                name: "analysis of a segment without model", method: .post, uri: "/v1/analyze", route: "/v1/analyze",
                body: #"{"game_mode":"SphereRun","difficulty":2,"duration_minutes":10,"score":1000}"#, status: 404,
                bodyMatchesSchema: true, errorCode: "unknown_segment"),
            .init(
                name: "analysis body too large", method: .post, uri: "/v1/analyze", route: "/v1/analyze",
                body: #"{"score":1,"padding":""# + String(repeating: "x", count: 70 * 1024) + #""}"#, status: 413,
                errorCode: "body_too_large"),
            .init(
                name: "JSON batch", method: .post, uri: "/v1/analyze/batch?language=de", route: "/v1/analyze/batch",
                body: "[\(ServerFixture.expert10),{\"score\":990000,\"game_mode\":\"DualFlow\",\"difficulty\":-1,\"duration_minutes\":5}]",
                status: 200, bodyMatchesSchema: true),
            .init(
                name: "JSON batch with failing players", method: .post, uri: "/v1/analyze/batch", route: "/v1/analyze/batch",
                body: #"[{"score":"x"},{"score":1},{"game_mode":"SphereRun","difficulty":2,"duration_minutes":10,"score":1}]"#,
                status: 200, bodyMatchesSchema: false),
            .init(
                name: "CSV batch", method: .post, uri: "/v1/analyze/batch?language=fr", route: "/v1/analyze/batch", headers: csv,
                body: "userId,score,age,startSpeed,duration_minutes,team\n7,150000,25.5,5,10,red\n8,x,,,10,blue\n", status: 200),
            .init(
                name: "batch that is no array", method: .post, uri: "/v1/analyze/batch", route: "/v1/analyze/batch",
                body: #"{"score":1}"#, status: 400, bodyMatchesSchema: false, errorCode: "invalid_body"),
            .init(
                name: "CSV batch without score", method: .post, uri: "/v1/analyze/batch", route: "/v1/analyze/batch", headers: csv,
                body: "userId,points\n7,100\n", status: 400, errorCode: "invalid_csv"),
            .init(
                name: "batch of too many players", method: .post, uri: "/v1/analyze/batch", route: "/v1/analyze/batch",
                body: "[" + Array(repeating: ServerFixture.expert10, count: 4).joined(separator: ",") + "]", status: 413,
                bodyMatchesSchema: true, errorCode: "too_many_items"),
            .init(
                name: "CSV batch of too many players", method: .post, uri: "/v1/analyze/batch", route: "/v1/analyze/batch",
                headers: csv, body: "score,duration_minutes\n" + String(repeating: "1000,10\n", count: 4), status: 413,
                errorCode: "too_many_items"),
            .init(
                name: "batch body too large", method: .post, uri: "/v1/analyze/batch", route: "/v1/analyze/batch",
                body: "[" + Array(repeating: ServerFixture.expert10, count: 200).joined(separator: ",") + "]", status: 413,
                errorCode: "body_too_large"),
            .init(
                name: "player with a non-numeric id", method: .get, uri: "/v1/players/abc/motivation?\(ServerFixture.segmentQuery)",
                route: "/v1/players/{userId}/motivation", status: 400, errorCode: "invalid_field"),
            .init(
                name: "player with a bad trend", method: .get, uri: "/v1/players/\(user)/motivation?\(ServerFixture.segmentQuery)&trend=1",
                route: "/v1/players/{userId}/motivation", status: 400, errorCode: "invalid_field"),
            .init(
                name: "player in an ambiguous segment", method: .get, uri: "/v1/players/\(user)/motivation",
                route: "/v1/players/{userId}/motivation", status: 400, errorCode: "ambiguous_segment"),
            .init(
                name: "unknown player", method: .get, uri: "/v1/players/999999/motivation?\(ServerFixture.segmentQuery)",
                route: "/v1/players/{userId}/motivation", status: 404, errorCode: "unknown_user"),
            .init(
                name: "player in a segment without model", method: .get,
                uri: "/v1/players/\(user)/motivation?game_mode=SphereRun&difficulty=2&duration=10",
                route: "/v1/players/{userId}/motivation", status: 404, errorCode: "unknown_segment"),
            .init(
                name: "reload without the key", method: .post, uri: "/v1/models/reload", route: "/v1/models/reload", status: 401,
                errorCode: "unauthorized"),
            .init(
                name: "reload with a wrong key", method: .post, uri: "/v1/models/reload", route: "/v1/models/reload",
                headers: [.authorization: "Bearer not-the-admin-key-at-all"], status: 401, errorCode: "unauthorized"),
            .init(
                name: "reload", method: .post, uri: "/v1/models/reload", route: "/v1/models/reload", headers: bearer, status: 200),
        ]
        exchanges += users.map { id in
            .init(
                name: "player \(id)", method: .get, uri: "/v1/players/\(id)/motivation?\(ServerFixture.segmentQuery)&language=de&trend=5",
                route: "/v1/players/{userId}/motivation", status: 200)
        }
        let all = exchanges
        try await withServer(configuration) { client in
            for exchange in all { try await Self.check(exchange, client: client, contract: contract, coverage: coverage) }
        }

        // A reload that finds a broken model file.
        var broken = fixture.configuration(database: false)
        broken.modelsDirectory = try fixture.copyModels()
        defer { try? FileManager.default.removeItem(at: broken.modelsDirectory) }
        broken.adminKey = try AdminKey(Self.admin)
        let brokenFile = broken.modelsDirectory.appendingPathComponent("DualFlow_-1_99.json")
        try await withServer(broken) { client in
            // Written after start: a folder with a broken file does not start at all.
            try Data("{\"format\": 1, \"id\": ".utf8).write(to: brokenFile)
            let reload = Exchange(
                name: "reload of a broken model", method: .post, uri: "/v1/models/reload", route: "/v1/models/reload",
                headers: bearer, status: 422, errorCode: "model_reload_failed")
            try await Self.check(reload, client: client, contract: contract, coverage: coverage)
        }

        // No database: the player route is unavailable, the service is ready without it.
        try await withServer(fixture.configuration(database: false)) { client in
            for exchange in [
                Exchange(name: "ready without a database", method: .get, uri: "/ready", route: "/ready", status: 200),
                Exchange(
                    name: "player without a database", method: .get, uri: "/v1/players/\(user)/motivation?\(ServerFixture.segmentQuery)",
                    route: "/v1/players/{userId}/motivation", status: 503, errorCode: "database_unavailable"),
            ] {
                try await Self.check(exchange, client: client, contract: contract, coverage: coverage)
            }
        }

        // The retention report: from a log with an experiment, and from a database without one.
        var withLog = fixture.configuration(database: false)
        let logged = try await ExposureFixture.database(players: 60)
        defer { try? FileManager.default.removeItem(atPath: logged) }
        withLog.database = .sqlite(path: logged)
        try await withServer(withLog) { client in
            for exchange in [
                Exchange(
                    name: "retention report", method: .get, uri: "/v1/reports/retention", route: "/v1/reports/retention",
                    status: 200),
                Exchange(
                    name: "retention report with a bad date", method: .get, uri: "/v1/reports/retention?as_of=soon",
                    route: "/v1/reports/retention", status: 400, errorCode: "invalid_field"),
                Exchange(
                    name: "retention report of an unknown experiment", method: .get,
                    uri: "/v1/reports/retention?experiment=nope", route: "/v1/reports/retention", status: 404,
                    errorCode: "unknown_experiment"),
                Exchange(
                    name: "dashboard experiments", method: .get, uri: "/reports/retention", route: "/reports/retention",
                    status: 200),
                Exchange(
                    name: "dashboard experiments with a bad date", method: .get, uri: "/reports/retention?as_of=soon",
                    route: "/reports/retention", status: 400),
                Exchange(
                    name: "dashboard experiments of an unknown experiment", method: .get,
                    uri: "/reports/retention?experiment=nope", route: "/reports/retention", status: 404),
            ] {
                try await Self.check(exchange, client: client, contract: contract, coverage: coverage)
            }
        }
        try await withServer(fixture.configuration(database: false)) { client in
            for exchange in [
                Exchange(
                    name: "retention report without a database", method: .get, uri: "/v1/reports/retention",
                    route: "/v1/reports/retention", status: 503, errorCode: "database_unavailable"),
                Exchange(
                    name: "dashboard experiments without a database", method: .get, uri: "/reports/retention",
                    route: "/reports/retention", status: 503),
            ] {
                try await Self.check(exchange, client: client, contract: contract, coverage: coverage)
            }
        }

        // A database that cannot be opened: not ready.
        var unreachable = fixture.configuration(database: false)
        unreachable.database = .sqlite(path: "/nonexistent-\(UUID().uuidString)/players.sqlite")
        unreachable.databaseTimeout = .seconds(2)
        try await withServer(unreachable) { client in
            for exchange in [
                Exchange(
                    name: "ready with an unreachable database", method: .get, uri: "/ready", route: "/ready", status: 503,
                    errorCode: "not_ready"),
                Exchange(
                    name: "player with an unreachable database", method: .get,
                    uri: "/v1/players/\(user)/motivation?\(ServerFixture.segmentQuery)", route: "/v1/players/{userId}/motivation",
                    status: 503, errorCode: "database_unavailable"),
            ] {
                try await Self.check(exchange, client: client, contract: contract, coverage: coverage)
            }
        }

        let documented = try contract.documentedResponses()
        #expect(documented.count >= 24)
        let missing = documented.subtracting(coverage.entries).sorted()
        #expect(missing.isEmpty, "documented but never answered in this test: \(missing)")
        let undocumented = coverage.entries.subtracting(documented).sorted()
        #expect(undocumented.isEmpty, "answered but not documented: \(undocumented)")
    }

    /// Sends `exchange` and checks the answer against the document: the status (documented
    /// explicitly for the operation), the media type, the body against the schema, the query
    /// parameters used and, where asked, the request body against the request schema.
    static func check(
        _ exchange: Exchange, client: any TestClientProtocol, contract: OpenAPIContract, coverage: Coverage
    ) async throws {
        let name = exchange.name
        let path = String(exchange.uri.prefix { $0 != "?" })
        #expect(RoutePath.matches(path, template: exchange.route), "\(name): \(path) is no instance of \(exchange.route)")
        let operation = try contract.operation(exchange.method, exchange.route)

        // Query parameters used must be documented.
        if let query = exchange.uri.split(separator: "?", maxSplits: 1).dropFirst().first {
            let documented = try contract.parameterNames(exchange.method, exchange.route, in: "query")
            for pair in query.split(separator: "&") {
                let parameter = String(pair.prefix { $0 != "=" })
                #expect(documented.contains(parameter), "\(name): query parameter '\(parameter)' is not documented")
            }
        }
        // The request body against the documented request schema.
        if let expected = exchange.bodyMatchesSchema, let body = exchange.body {
            let schema = try #require(
                operation["requestBody"]?["content"]?["application/json"]?["schema"], "\(name): no JSON request body documented")
            let mismatch = contract.validator.firstMismatch(of: try JSONValue.parse(Data(body.utf8)), against: schema)
            if expected {
                #expect(
                    mismatch == nil, "\(name): the request body does not match the documented schema: \(mismatch.map(\.description) ?? "")")
            } else {
                #expect(mismatch != nil, "\(name): the request body matches the documented schema, yet the test expects it not to")
            }
        }

        let response = try await client.execute(
            uri: exchange.uri, method: exchange.method, headers: exchange.headers, body: exchange.body.map { ByteBuffer(string: $0) })
        let text = String(buffer: response.body)
        #expect(
            Int(response.status.code) == exchange.status,
            "\(name): status \(response.status.code), expected \(exchange.status): \(text.prefix(300))")
        guard Int(response.status.code) == exchange.status else { return }
        #expect(response.headers[.xRequestIDForTests]?.isEmpty == false, "\(name): no X-Request-Id")

        let documented = try contract.response(exchange.method, exchange.route, status: exchange.status)
        let contentType = try #require(response.headers[.contentType], "\(name): no Content-Type")
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let media = try #require(
            documented["content"]?[mediaType],
            "\(name): answered \(mediaType), documented \(documented["content"]?.objectValue?.keys.sorted() ?? [])")
        let schema = try #require(media["schema"], "\(name): no schema for \(mediaType)")
        let body: JSONValue
        if mediaType == "application/json" || mediaType.hasSuffix("+json") {
            body = try JSONValue.parse(Data(response.body.readableBytesView))
        } else {
            #expect(!text.isEmpty, "\(name): empty \(mediaType) body")
            body = .string(text)
        }
        let mismatch = contract.validator.firstMismatch(of: body, against: schema)
        #expect(
            mismatch == nil,
            "\(name): the body does not match the documented schema: \(mismatch.map(\.description) ?? "")\n\(text.prefix(2000))")
        if let code = exchange.errorCode {
            #expect(
                body["error"]?["code"] == .string(code),
                "\(name): error code \(body["error"]?["code"]?.description ?? "none"), expected \(code)")
        }
        coverage.record("\(exchange.method.rawValue) \(exchange.route) \(exchange.status) \(mediaType)")
    }
}

@Suite("OpenAPI contract: the schema validator")
struct SchemaValidatorTests {
    /// A document with a small schema of each kind the validator checks.
    static let document = try! JSONValue.parse(
        yaml: """
            components:
              schemas:
                Point:
                  type: object
                  required: [x, label]
                  additionalProperties: false
                  properties:
                    x: {type: integer, minimum: 0, maximum: 10}
                    y: {type: [number, "null"], exclusiveMinimum: 0}
                    label: {type: string, enum: [a, b]}
                    at: {type: string, format: date-time}
                    tags: {type: array, items: {type: string}}
                    means: {type: object, additionalProperties: {type: number}}
                    flag: {type: boolean}
                Either:
                  oneOf:
                    - {type: object, required: [index, ok], additionalProperties: false, properties: {index: {type: integer}, ok: {$ref: '#/components/schemas/Point'}}}
                    - {type: object, required: [index, error], additionalProperties: false, properties: {index: {type: integer}, error: {type: string}}}
                Odd:
                  type: string
                  not: {const: a}
                Word:
                  type: string
                  minLength: 2
                  maxLength: 3
                  pattern: '^a[^\\x00-\\x1F]*$'
            """)

    static let validator = SchemaValidator(document: document)
    static let point: JSONValue = .object([
        "x": .number(3), "y": .null, "label": .string("a"), "at": .string("2026-11-28T11:08:43Z"),
        "tags": .array([.string("t")]), "means": .object(["age": .number(30.5)]), "flag": .bool(true),
    ])

    /// The first mismatch of `value` against the named schema.
    static func mismatch(_ value: JSONValue, _ schema: String) -> SchemaMismatch? {
        validator.firstMismatch(of: value, against: .object(["$ref": .string("#/components/schemas/\(schema)")]))
    }

    /// `point` with `key` set to `value` (`nil` removes it).
    static func point(_ key: String, _ value: JSONValue?) -> JSONValue {
        var members = point.objectValue!
        members[key] = value
        return .object(members)
    }

    @Test("a matching value passes")
    func accepts() {
        #expect(Self.mismatch(Self.point, "Point") == nil)
        #expect(Self.mismatch(Self.point("y", .number(0.5)), "Point") == nil)
        #expect(Self.mismatch(.object(["index": .number(0), "ok": Self.point]), "Either") == nil)
        #expect(Self.mismatch(.object(["index": .number(1), "error": .string("no")]), "Either") == nil)
    }

    @Test("a missing required key, a wrong type and an extra key are rejected, with the JSON path")
    func rejectsShape() {
        #expect(
            Self.mismatch(Self.point("label", nil), "Point") == SchemaMismatch(path: "$", problem: "the required key 'label' is missing"))
        #expect(Self.mismatch(Self.point("x", .string("3")), "Point")?.path == "$.x")
        #expect(Self.mismatch(Self.point("x", .number(2.5)), "Point")?.path == "$.x")
        #expect(Self.mismatch(Self.point("flag", .number(1)), "Point")?.path == "$.flag")
        #expect(
            Self.mismatch(Self.point("extra", .number(1)), "Point")
                == SchemaMismatch(path: "$.extra", problem: "the key 'extra' is not allowed here"))
        #expect(Self.mismatch(Self.point("label", .null), "Point")?.path == "$.label")
        #expect(Self.mismatch(.array([]), "Point")?.path == "$")
    }

    @Test("enum, bounds, items, additionalProperties schemas, formats and oneOf are checked")
    func rejectsValues() {
        #expect(Self.mismatch(Self.point("label", .string("c")), "Point")?.path == "$.label")
        #expect(Self.mismatch(Self.point("x", .number(-1)), "Point")?.path == "$.x")
        #expect(Self.mismatch(Self.point("x", .number(11)), "Point")?.path == "$.x")
        #expect(Self.mismatch(Self.point("y", .number(0)), "Point")?.path == "$.y")
        #expect(Self.mismatch(Self.point("tags", .array([.string("t"), .number(1)])), "Point")?.path == "$.tags[1]")
        #expect(Self.mismatch(Self.point("means", .object(["age": .string("old")])), "Point")?.path == "$.means.age")
        #expect(Self.mismatch(Self.point("at", .string("yesterday")), "Point")?.path == "$.at")
        // Nested through a $ref inside oneOf: neither branch matches.
        let nested = Self.mismatch(.object(["index": .number(0), "ok": Self.point("x", .string("3"))]), "Either")
        #expect(nested?.path == "$")
        #expect(nested?.problem.contains("$.ok.x") == true)
        // Both branches would match: oneOf wants exactly one.
        let both = SchemaValidator(document: .null).firstMismatch(
            of: .number(1),
            against: .object(["oneOf": .array([.object(["type": .string("number")]), .object(["type": .string("integer")])])]))
        #expect(both != nil)
    }

    @Test("strings: minLength and maxLength in characters, pattern anywhere in the string")
    func strings() {
        #expect(Self.mismatch(.string("aé"), "Word") == nil)
        #expect(Self.mismatch(.string("abc"), "Word") == nil)
        #expect(Self.mismatch(.string("a"), "Word")?.problem.contains("shorter than 2") == true)
        #expect(Self.mismatch(.string("abcd"), "Word")?.problem.contains("longer than 3") == true)
        #expect(Self.mismatch(.string("bcd"), "Word")?.problem.contains("does not match") == true)
        #expect(Self.mismatch(.string("a\u{1}"), "Word")?.problem.contains("does not match") == true)
    }

    @Test("an unsupported keyword or a dangling $ref is reported, never ignored")
    func refusesUnknownSchemas() {
        #expect(Self.mismatch(.string("abc"), "Odd")?.problem.contains("'not'") == true)
        #expect(Self.mismatch(.string("abc"), "Missing")?.problem.contains("names nothing") == true)
    }

    @Test("JSON bodies parse with Booleans, numbers and nulls kept apart")
    func parsing() throws {
        let value = try JSONValue.parse(Data(#"{"a":true,"b":1,"c":null,"d":[1.5,"x"],"e":{}}"#.utf8))
        #expect(
            value
                == .object([
                    "a": .bool(true), "b": .number(1), "c": .null, "d": .array([.number(1.5), .string("x")]), "e": .object([:]),
                ]))
        let yaml = try JSONValue.parse(yaml: "a: [number, \"null\"]\n'200': {x: 1.5, y: true, z: null, t: 2026-01-01}\n")
        #expect(yaml["a"] == .array([.string("number"), .string("null")]))
        #expect(yaml["200"] == .object(["x": .number(1.5), "y": .bool(true), "z": .null, "t": .string("2026-01-01")]))
    }
}

/// A `multipart/form-data` body as a browser sends the batch page's form.
enum Multipart {
    static let boundary = "----sphery-test-boundary"
    static let headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]

    /// The form with `file` (as `players.csv`), a segment and a language.
    static func form(file: String, segment: String = "DualFlow_-1_10", language: String = "en") -> String {
        let parts = [
            "Content-Disposition: form-data; name=\"file\"; filename=\"players.csv\"\r\nContent-Type: text/csv\r\n\r\n\(file)",
            "Content-Disposition: form-data; name=\"segment\"\r\n\r\n\(segment)",
            "Content-Disposition: form-data; name=\"language\"\r\n\r\n\(language)",
        ]
        return parts.map { "--\(boundary)\r\n\($0)\r\n" }.joined() + "--\(boundary)--\r\n"
    }
}
