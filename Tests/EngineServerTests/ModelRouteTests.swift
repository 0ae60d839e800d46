import EngineAPI
import EngineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MotivationEngine
import Testing

@Suite("Model routes and reload")
struct ModelRouteTests {
    static let key = "0123456789abcdef-test"
    static let authorized: HTTPFields = [.authorization: "Bearer \(key)"]

    static func configuration(models: URL) throws -> ServerConfiguration {
        var configuration = ServerConfiguration(modelsDirectory: models)
        configuration.adminKey = try AdminKey(key)
        return configuration
    }

    @Test("segments, models and one model's summary list what is loaded")
    func listing() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration(database: false)) { client in
            try await client.execute(uri: "/v1/segments", method: .get) { response in
                #expect(response.status == .ok)
                let segments = try #require(try response.json()["segments"] as? [[String: Any]])
                #expect(segments.compactMap { $0["name"] as? String } == ["DualFlow_-1_10", "DualFlow_-1_5"])
            }
            try await client.execute(uri: "/v1/models", method: .get) { response in
                let models = try #require(try response.json()["models"] as? [[String: Any]])
                #expect(models.count == 2)
                #expect(models.allSatisfy { ($0["bic"] as? Double)?.isFinite == true && ($0["clusters"] as? [String])?.count == 4 })
            }
            try await client.execute(uri: "/v1/models/DualFlow_-1_10", method: .get) { response in
                #expect(response.status == .ok)
                let info = try ModelRoutesTestDecoding.decoder.decode(ModelInfo.self, from: Data(response.body.readableBytesView))
                let expected = try ModelRegistry.load(from: fixture.models).engines[ServerFixture.dualFlow10]!.modelInfo
                #expect(info.id == expected.id)
                #expect(info.clusters == expected.clusters)
                #expect(info.bicCurve == expected.bicCurve)
            }
            try await client.execute(uri: "/v1/models/Nope_1_1", method: .get) { response in
                #expect(response.status == .notFound)
                let error = try response.error()
                #expect(error.message.contains("Nope_1_1") && error.message.contains("DualFlow_-1_10"))
            }
        }
    }

    @Test("reload needs the admin key; without a key configured nobody may reload")
    func reloadAuthorization() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(try Self.configuration(models: fixture.models)) { client in
            for headers: HTTPFields in [[:], [.authorization: "Bearer wrong-key-wrong-key"], [.authorization: Self.key]] {
                try await client.execute(uri: "/v1/models/reload", method: .post, headers: headers) { response in
                    #expect(response.status == .unauthorized)
                    let error = try response.error()
                    #expect(error.code == "unauthorized")
                }
            }
            try await client.execute(uri: "/v1/models/reload", method: .post, headers: Self.authorized) { response in
                #expect(response.status == .ok)
                let segments = try response.json()["segments"] as? [String]
                #expect(segments == ["DualFlow_-1_10", "DualFlow_-1_5"])
            }
        }
        try await withServer(fixture.configuration(database: false)) { client in
            try await client.execute(uri: "/v1/models/reload", method: .post, headers: Self.authorized) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("a broken model file leaves the old models serving and answers with the file's error")
    func brokenFile() async throws {
        let fixture = try await ServerFixture.shared
        let models = try fixture.copyModels()
        defer { try? FileManager.default.removeItem(at: models) }
        try await withServer(try Self.configuration(models: models)) { client in
            try Data("{ not a model".utf8).write(to: models.appendingPathComponent("Broken_1_1.json"))
            try await client.execute(uri: "/v1/models/reload", method: .post, headers: Self.authorized) { response in
                #expect(response.status == .unprocessableContent)
                let error = try response.error()
                #expect(error.code == "model_reload_failed")
                #expect(error.message.contains("Broken_1_1.json"))
            }
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(ServerFixture.expert10)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("requests during reloads all succeed, on the old model or the new one")
    func reloadUnderLoad() async throws {
        let fixture = try await ServerFixture.shared
        let models = try fixture.copyModels()
        defer { try? FileManager.default.removeItem(at: models) }
        // A second version of the DualFlow/-1/10 model: the same file, another id.
        let file = models.appendingPathComponent("DualFlow_-1_10.json")
        var second = try ModelFileStore.read(file)
        let ids = [second.id, second.id + "-v2"]
        second.id = ids[1]
        let retrained = second
        try await withServer(try Self.configuration(models: models)) { client in
            let seen = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var seen: [String] = []
                        for _ in 0..<50 {
                            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(ServerFixture.expert10)) {
                                response in
                                #expect(response.status == .ok)
                                let analysis = try JSONValue.parse(Data(response.body.readableBytesView))
                                seen.append(analysis["model"]?["id"]?.string ?? "")
                            }
                        }
                        return seen
                    }
                }
                group.addTask {
                    for round in 0..<10 {
                        if round == 5 { try ModelFileStore.write(retrained, to: models) }
                        try await client.execute(uri: "/v1/models/reload", method: .post, headers: Self.authorized) { response in
                            #expect(response.status == .ok)
                        }
                    }
                    return []
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(seen.count == 200)
            #expect(Set(seen).isSubset(of: Set(ids)))
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(ServerFixture.expert10)) { response in
                let analysis = try JSONValue.parse(Data(response.body.readableBytesView))
                #expect(analysis["model"]?["id"]?.string == ids[1])
            }
        }
    }

    @Test("with a reload interval, new model files are picked up without a request")
    func folderWatch() async throws {
        let fixture = try await ServerFixture.shared
        let models = try fixture.copyModels()
        defer { try? FileManager.default.removeItem(at: models) }
        var configuration = fixture.configuration(database: false)
        configuration.modelsDirectory = models
        configuration.reloadInterval = .milliseconds(50)
        let file = models.appendingPathComponent("DualFlow_-1_10.json")
        var watched = try ModelFileStore.read(file)
        watched.id += "-watched"
        let retrained = watched, newID = watched.id
        try await withServer(configuration) { client in
            try ModelFileStore.write(retrained, to: models)
            var answered = ""
            for _ in 0..<100 where answered != newID {
                try await Task.sleep(for: .milliseconds(50))
                answered = try await client.execute(uri: "/v1/analyze", method: .post, body: .text(ServerFixture.expert10)) {
                    try JSONValue.parse(Data($0.body.readableBytesView))["model"]?["id"]?.string ?? ""
                }
            }
            #expect(answered == newID)
        }
    }
}

/// Decodes the model routes' JSON (ISO 8601 dates).
enum ModelRoutesTestDecoding {
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
