import EngineAPI
import EngineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MotivationEngine
import Testing

@Suite("POST /v1/analyze")
struct AnalyzeRouteTests {
    @Test("answers the analysis of DESIGN.md, equal to the engine's own")
    func analysis() async throws {
        let fixture = try await ServerFixture.shared
        let registry = try ModelRegistry.load(from: fixture.models)
        try await withServer(fixture.configuration(database: false)) { client in
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(ServerFixture.expert10)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let answer = try JSONValue.parse(Data(response.body.readableBytesView))
                let expected = try registry.analyze(try AnalysisInputDecoding.decode(Data(ServerFixture.expert10.utf8)))
                #expect(answer == (try expected.jsonValue))
                #expect(expected.segment == ServerFixture.dualFlow10)
                // Byte for byte the fast writer's answer (JSONEncoder's fallback would sort the keys).
                #expect(response.body == (try expected.json()))
            }
        }
    }

    @Test("language=de answers in German; an unknown language is a 400 naming the field")
    func language() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration(database: false)) { client in
            let english = try await client.execute(uri: "/v1/analyze", method: .post, body: .text(ServerFixture.expert10)) {
                try $0.json()
            }
            try await client.execute(uri: "/v1/analyze?language=de", method: .post, body: .text(ServerFixture.expert10)) { response in
                #expect(response.status == .ok)
                let german = try response.json()
                let message = (german["motivational_message"] as? [String: Any])?["message"] as? String
                #expect(message != nil)
                #expect(message != (english["motivational_message"] as? [String: Any])?["message"] as? String)
            }
            try await client.execute(uri: "/v1/analyze?language=xx", method: .post, body: .text(ServerFixture.expert10)) { response in
                #expect(response.status == .badRequest)
                let error = try response.error()
                #expect(error.message.hasPrefix("language:"))
            }
        }
    }

    @Test("a segment without a model is a 404 listing the loaded ones; a vague one a 400")
    func segments() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration(database: false)) { client in
            let unknown = #"{"game_mode":"SphereRun","difficulty":2,"duration_minutes":10,"score":1000}"#
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(unknown)) { response in
                #expect(response.status == .notFound)
                let error = try response.error()
                #expect(error.code == "unknown_segment")
                #expect(error.message.contains("DualFlow · Expert difficulty · 10 min"))
            }
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(#"{"score":1000}"#)) { response in
                #expect(response.status == .badRequest)
                let error = try response.error()
                #expect(error.code == "ambiguous_segment")
            }
        }
    }

    @Test("every answer carries a request id: the caller's when sane, else a new one")
    func requestID() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration(database: false)) { client in
            try await client.execute(uri: "/health", method: .get, headers: [.xRequestIDForTests: "game-7f3a"]) { response in
                #expect(response.headers[.xRequestIDForTests] == "game-7f3a")
            }
            try await client.execute(uri: "/health", method: .get, headers: [.xRequestIDForTests: "bad id\u{7F}"]) { response in
                let id = try #require(response.headers[.xRequestIDForTests])
                #expect(id != "bad id\u{7F}" && !id.isEmpty)
            }
        }
    }
}

extension HTTPField.Name {
    static let xRequestIDForTests = Self("X-Request-Id")!
}
