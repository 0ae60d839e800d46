import EngineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Details of the HTTP contract: `Allow` lists what is served, empty optional query parameters
/// are their defaults, segment parts may be left out when one model matches, and the admin
/// key's scheme is read as RFC 9110 says.
@Suite("Contract details: Allow, empty parameters, partial segments, the Bearer scheme")
struct ContractDetailTests {
    static let methods: [HTTPRequest.Method] = [.get, .post, .put, .delete, .patch]

    @Test(
        "Allow lists exactly the methods served for the path",
        arguments: [
            ("/v1/models/reload", ["POST"]), ("/v1/models/DualFlow_-1_10", ["GET"]), ("/v1/models", ["GET"]),
            ("/v1/analyze", ["POST"]), ("/v1/analyze/batch", ["POST"]), ("/v1/players/2/motivation", ["GET"]),
            ("/batch", ["GET", "POST"]), ("/models/DualFlow_-1_10", ["GET"]), ("/health", ["GET"]),
        ])
    func allow(path: String, served: [String]) async throws {
        var configuration = try await ServerFixture.shared.configuration(database: false)
        configuration.adminKey = try AdminKey("0123456789abcdef-test")
        try await withServer(configuration) { client in
            try await client.execute(uri: path, method: .options) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == served.joined(separator: ", "))
            }
            // Every method Allow leaves out is refused with the same list; every one it names is routed.
            for method in Self.methods {
                try await client.execute(uri: path, method: method, body: .text("{}")) { response in
                    if served.contains(method.rawValue) {
                        let body = String(buffer: response.body)
                        #expect(
                            response.status != .methodNotAllowed && !body.contains(#""code":"not_found""#), "\(method) \(path): \(body)")
                    } else {
                        #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                        #expect(response.headers[.allow] == served.joined(separator: ", "), "\(method) \(path)")
                    }
                }
            }
        }
    }

    @Test(
        "an empty optional query parameter is its default",
        arguments: [
            "/v1/players/{user}/motivation?language=&trend=&target_policy=&game_mode=DualFlow&difficulty=-1&duration=10",
            "/v1/players/{user}/motivation?game_mode=&difficulty=-1&duration=10",
        ])
    func emptyPlayerParameters(uri: String) async throws {
        let fixture = try await ServerFixture.shared
        let user = try #require(fixture.dualFlowUsers.first)
        try await withServer(fixture.configuration(database: true)) { client in
            try await client.execute(uri: uri.replacingOccurrences(of: "{user}", with: "\(user)"), method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
            // Both durations are loaded: an empty duration is a duration left out, not a malformed one.
            try await client.execute(uri: "/v1/players/\(user)/motivation?game_mode=DualFlow&duration=", method: .get) { response in
                try BadInputTests.expectError(response, status: 400, code: "ambiguous_segment", mentions: [])
            }
        }
    }

    @Test("?language= is English on the analysis routes")
    func emptyLanguage() async throws {
        try await withServer(ServerFixture.shared.configuration(database: false)) { client in
            let english = try await client.execute(uri: "/v1/analyze?language=en", method: .post, body: .text(ServerFixture.expert10)) {
                String(buffer: $0.body)
            }
            try await client.execute(uri: "/v1/analyze?language=", method: .post, body: .text(ServerFixture.expert10)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == english)
            }
            try await client.execute(uri: "/v1/analyze/batch?language=", method: .post, body: .text("[\(ServerFixture.expert10)]")) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/reports/retention?experiment=&as_of=&hit_workouts=", method: .get) { response in
                // No database here: the parameters are taken as left out, and the report needs one.
                #expect(response.status == .serviceUnavailable, "\(String(buffer: response.body))")
            }
        }
    }

    @Test("segment parts may be left out when exactly one loaded model matches: /v1/analyze, a JSON batch, a CSV batch")
    func partialSegment() async throws {
        let fixture = try await ServerFixture.shared
        let models = try fixture.copyModels()
        defer { try? FileManager.default.removeItem(at: models) }
        var configuration = fixture.configuration(database: false)
        try await withServer(configuration) { client in
            // Two models in DualFlow · Expert: without the duration, the answer says which parts are missing.
            try await client.execute(
                uri: "/v1/analyze", method: .post, body: .text(#"{"game_mode":"DualFlow","difficulty":-1,"score":150000}"#)
            ) {
                try BadInputTests.expectError($0, status: 400, code: "ambiguous_segment", mentions: ["duration_minutes"])
            }
        }
        try FileManager.default.removeItem(at: models.appendingPathComponent("DualFlow_-1_5.json"))
        configuration.modelsDirectory = models
        try await withServer(configuration) { client in
            for body in [
                #"{"game_mode":"DualFlow","difficulty":-1,"score":150000}"#, #"{"game_mode":"DualFlow","score":150000}"#,
                #"{"score":150000}"#,
            ] {
                try await client.execute(uri: "/v1/analyze", method: .post, body: .text(body)) { response in
                    #expect(response.status == .ok, "\(body): \(String(buffer: response.body))")
                    let segment = try response.json()["segment"] as? [String: Any]
                    #expect(segment?["duration_minutes"] as? Int == 10)
                }
            }
            try await client.execute(
                uri: "/v1/analyze/batch", method: .post, body: .text(#"[{"game_mode":"DualFlow","difficulty":-1,"score":1}]"#)
            ) {
                response in
                let analysed = try response.json()["analysed"] as? Int
                #expect(analysed == 1)
            }
            let csv = "game_mode,difficulty,score\nDualFlow,-1,150000\nSphereRun,-1,150000\n"
            try await client.execute(uri: "/v1/analyze/batch", method: .post, headers: [.contentType: "text/csv"], body: .text(csv)) {
                response in
                #expect(response.status == .ok)
                let lines = String(buffer: response.body).split(separator: "\n")
                #expect(lines.count == 3)
                #expect(lines[1].hasSuffix(","), "the row in DualFlow · Expert is scored: \(lines[1])")
                #expect(lines[2].contains("no model for SphereRun · difficulty -1"), "the row in another game mode: \(lines[2])")
            }
        }
    }

    @Test(
        "the admin key's scheme is case-insensitive and may be followed by several spaces",
        arguments: [
            "Bearer 0123456789abcdef-test", "bearer 0123456789abcdef-test", "BEARER 0123456789abcdef-test",
            "bEaReR   0123456789abcdef-test",
        ])
    func bearerScheme(authorization: String) async throws {
        let fixture = try await ServerFixture.shared
        var configuration = fixture.configuration(database: false)
        configuration.modelsDirectory = try fixture.copyModels()
        configuration.adminKey = try AdminKey("0123456789abcdef-test")
        try await withServer(configuration) { client in
            try await client.execute(uri: "/v1/models/reload", method: .post, headers: [.authorization: authorization]) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
        }
    }
}
