import EngineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Inputs that used to be read as something else, or silently ignored: a report date with text
/// after it, an impossible day or year; a field of the wrong JSON type that the fast reader
/// skipped; a player id that names nobody. Each is a 400 naming the field.
@Suite("Strict input: dates, JSON types, player ids")
struct StrictInputTests {
    static let segment = #""game_mode":"DualFlow","difficulty":-1,"duration_minutes":10"#

    // MARK: - as_of

    @Test(
        "?as_of= that is not exactly a plausible date or time is a 400 naming as_of, on the API and the dashboard",
        arguments: [
            "2026-12-01garbage", "2026-12-01'%20OR%20'1'%3D'1", "2026-02-30", "99999-01-01", "1999-12-31", "2026-12-01T25:00:00Z",
        ])
    func asOf(value: String) async throws {
        try await withServer(ServerFixture.shared.configuration(database: true)) { client in
            try await client.execute(uri: "/v1/reports/retention?as_of=\(value)", method: .get) { response in
                try BadInputTests.expectError(
                    response, status: 400, code: "invalid_field", mentions: ["as_of", "in the years 2000 to 2100"])
            }
            try await client.execute(uri: "/reports/retention?as_of=\(value)", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("as_of must be a date"))
            }
        }
    }

    // MARK: - Wrong JSON types

    /// Each field of the input with values of a type it does not take.
    static let wrongTypes: [(field: String, value: String)] = [
        ("game_mode", "true"), ("game_mode", "{}"), ("game_mode", "[1]"), ("game_mode", "1.5"),
        ("difficulty", "\"AAA\""), ("difficulty", "true"), ("difficulty", "{}"), ("difficulty", "[1]"), ("difficulty", "1.5"),
        ("duration_minutes", "\"AAA\""), ("duration_minutes", "true"), ("duration_minutes", "[10]"),
        ("score", "\"AAA\""), ("score", "false"), ("score", "{}"),
        ("age", "\"AAA\""), ("age", "true"), ("age", "[25]"),
        ("startSpeed", "\"AAA\""), ("startSpeed", "true"), ("startSpeed", "{}"),
        ("user_id", "true"), ("user_id", "{}"), ("user_id", "[1]"), ("user_id", "1.5"),
        ("target_policy", "true"), ("target_policy", "1"), ("target_policy", "[\"personal\"]"), ("target_policy", "\"AAA\""),
        ("recent_scores", "\"AAA\""), ("recent_scores", "true"), ("recent_scores", "150000"), ("recent_scores", "{}"),
        ("recent_scores", "[\"AAA\"]"), ("recent_scores", "[1,[2]]"),
    ]

    @Test("a field of the wrong JSON type is a 400 naming it, never ignored", arguments: wrongTypes)
    func wrongType(field: String, value: String) async throws {
        var members = [
            ("game_mode", #""DualFlow""#), ("difficulty", "-1"), ("duration_minutes", "10"), ("score", "150000"),
            ("target_policy", #""personal""#),
        ].filter { $0.0 != field }
        members.append((field, value))
        let body = "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        try await withServer(ServerFixture.shared.configuration(database: false)) { client in
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(body)) { response in
                try BadInputTests.expectError(response, status: 400, code: "invalid_field", mentions: [])
                let message = try response.error().message
                #expect(message.hasPrefix(field), "\(body): \(message)")
            }
            try await client.execute(uri: "/v1/analyze/batch", method: .post, body: .text("[\(ServerFixture.expert10),\(body)]")) {
                response in
                #expect(response.status == .ok)
                let results = try #require(try response.json()["results"] as? [[String: Any]])
                let error = try #require(results.last?["error"] as? [String: Any], "\(results)")
                #expect((error["message"] as? String)?.hasPrefix(field) == true, "\(error)")
            }
        }
    }

    @Test("recent_scores as a string under the personal policy says it must be an array of numbers")
    func recentScoresString() async throws {
        try await withServer(ServerFixture.shared.configuration(database: false)) { client in
            let body = #"{"# + Self.segment + #","score":150000,"target_policy":"personal","recent_scores":"AAA"}"#
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(body)) { response in
                try BadInputTests.expectError(response, status: 400, code: "invalid_field", mentions: [])
                let message = try response.error().message
                #expect(message == "recent_scores: must be an array of numbers")
            }
            let good = #"{"# + Self.segment + #","score":150000,"target_policy":"personal","recent_scores":[120000,131000,125500]}"#
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(good)) { response in
                #expect(response.status == .ok)
                let message = try #require(try response.json()["motivational_message"] as? [String: Any])
                #expect((message["target_reason"] as? [String: Any])?["source"] as? String == "personal")
            }
        }
    }

    // MARK: - user_id

    @Test(
        "a user_id that names nobody is a 400 naming user_id",
        arguments: [
            (#""""#, "empty"), (#""   ""#, "only spaces"), (#""\t\n""#, "only spaces"), (#""a\u0000b""#, "control"),
            (#""a\nb""#, "control"), (#""a\u0085b""#, "control"), ("\"" + String(repeating: "x", count: 129) + "\"", "at most 128"),
        ])
    func badUserId(value: String, problem: String) async throws {
        let body = "{\(Self.segment),\"score\":150000,\"user_id\":\(value)}"
        try await withServer(ServerFixture.shared.configuration(database: false)) { client in
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(body)) { response in
                try BadInputTests.expectError(response, status: 400, code: "invalid_field", mentions: ["user_id", problem])
            }
            try await client.execute(uri: "/v1/analyze/batch", method: .post, body: .text("[\(body)]")) { response in
                #expect(response.status == .ok)
                let results = try #require(try response.json()["results"] as? [[String: Any]])
                let message = (results.first?["error"] as? [String: Any])?["message"] as? String
                #expect(message?.hasPrefix("user_id") == true, "\(results)")
            }
        }
    }

    @Test(
        "ids of up to 128 characters, in any script, or whole numbers, are taken",
        arguments: [
            "\"" + String(repeating: "x", count: 128) + "\"", #""Zürich 7""#, #""漢字-42""#, "42", "-7", #"" padded ""#,
        ])
    func goodUserId(value: String) async throws {
        let body = "{\(Self.segment),\"score\":150000,\"user_id\":\(value)}"
        try await withServer(ServerFixture.shared.configuration(database: false)) { client in
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(body)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
        }
    }
}
