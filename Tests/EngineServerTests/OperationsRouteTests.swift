import EngineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@Suite("Operations: health, readiness, metrics, request log")
struct OperationsRouteTests {
    @Test("health answers without the database; ready names the models and the database")
    func healthAndReady() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration()) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let body = try response.json()
                #expect(body["status"] as? String == "ok")
            }
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
                let body = try response.json()
                #expect(body["models"] as? Int == 2)
                #expect(body["database"] as? String == "reachable")
            }
        }
    }

    @Test("metrics count requests per route template and status, analyses per segment and cluster, and show model age and pool use")
    func metrics() async throws {
        let fixture = try await ServerFixture.shared
        let user = try #require(fixture.dualFlowUsers.first)
        try await withServer(fixture.configuration()) { client in
            for _ in 0..<3 {
                try await client.execute(uri: "/v1/analyze", method: .post, body: .text(ServerFixture.expert10)) { _ in }
            }
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text("{")) { _ in }
            try await client.execute(uri: "/v1/players/\(user)/motivation?\(ServerFixture.segmentQuery)", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                #expect(text.contains(#"sphery_http_requests_total{route="/v1/analyze",method="POST",status="200"} 3"#))
                #expect(text.contains(#"sphery_http_requests_total{route="/v1/analyze",method="POST",status="400"} 1"#))
                #expect(text.contains(#"route="/v1/players/{userId}/motivation""#))
                #expect(!text.contains("/v1/players/\(user)"))
                #expect(
                    text.contains(
                        #"sphery_http_request_duration_seconds_bucket{route="/v1/analyze",method="POST",status="200",le="0.0001"}"#))
                let analyses = text.split(separator: "\n").filter { $0.hasPrefix("sphery_analyses_total{segment=\"DualFlow_-1_10\"") }
                #expect(analyses.map { Int($0.split(separator: " ").last!)! }.reduce(0, +) == 4)
                #expect(text.contains(#"sphery_model_age_seconds{segment="DualFlow_-1_5"}"#))
                // The trained cluster shares, for the drift rule: one per cluster, adding up to 1.
                let shares = text.split(separator: "\n").filter { $0.hasPrefix(#"sphery_model_cluster_share{segment="DualFlow_-1_10""#) }
                #expect(shares.count == 4)
                #expect(abs(shares.compactMap { Double($0.split(separator: " ").last!) }.reduce(0, +) - 1) < 1e-9)
                #expect(text.contains("sphery_models_loaded 2"))
                #expect(text.contains("sphery_db_connections_in_use 0"))
                #expect(text.contains("sphery_db_connections_max"))
            }
        }
    }

    @Test("one log line per request with id, route, status and duration, and no personal data")
    func requestLog() async throws {
        let fixture = try await ServerFixture.shared
        let user = try #require(fixture.dualFlowUsers.first)
        let lines = LogCapture.Store()
        let logger = Logger(label: "sphery.test") { _ in LogCapture(store: lines) }
        try await withServer(fixture.configuration(), logger: logger) { client in
            try await client.execute(
                uri: "/v1/players/\(user)/motivation?\(ServerFixture.segmentQuery)", method: .get,
                headers: [.xRequestIDForTests: "trace-42"]
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(ServerFixture.expert10)) { _ in }
        }
        let requests = lines.entries.filter { $0.message == "request" }
        #expect(requests.count == 2)
        let lookup = try #require(requests.first)
        #expect(lookup.metadata["request_id"] == "trace-42")
        #expect(lookup.metadata["route"] == "/v1/players/{userId}/motivation")
        #expect(lookup.metadata["status"] == "200")
        #expect(Double(lookup.metadata["duration_ms"] ?? "") != nil)
        // Nothing logged carries a body or a player's values (the request's age and score, a
        // date of birth, weight or height).
        #expect(!lines.entries.isEmpty)
        for entry in lines.entries {
            let text = "\(entry.message) \(entry.metadata)".lowercased()
            for word in ["dob", "birth", "weight", "height", "25.5", "150000", "startspeed"] {
                #expect(!text.contains(word), "\(text)")
            }
        }
    }
}

/// A log handler that keeps every entry at `info` and above (the shipped level), with the
/// logger's metadata merged in, in a shared store.
struct LogCapture: LogHandler {
    struct Entry: Sendable {
        let message: String
        let metadata: [String: String]
    }

    final class Store: Sendable {
        private let stored = Mutex<[Entry]>([])
        var entries: [Entry] { stored.withLock { $0 } }
        func append(_ entry: Entry) { stored.withLock { $0.append(entry) } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        store.append(Entry(message: event.message.description, metadata: merged.mapValues { $0.description }))
    }
}
