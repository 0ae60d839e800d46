import EngineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MotivationEngine
import Testing

@Suite("Dashboard pages")
struct DashboardTests {
    static func html(_ response: TestResponse) -> String {
        String(buffer: response.body)
    }

    @Test("the analysis form lists the loaded segments; analysing shows the message, the ladder chart and the tables")
    func analysis() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration()) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = Self.html(response)
                #expect(page.contains(#"<option value="DualFlow_-1_10" selected>DualFlow · Expert difficulty · 10 min</option>"#))
                #expect(page.contains(#"<option value="DualFlow_-1_5">"#))
                #expect(page.contains(#"<label>Score (points)"#))
                #expect(!page.contains("result-title"))
            }
            try await client.execute(uri: "/?segment=DualFlow_-1_10&score=150000&age=25.5&start_speed=5&language=de", method: .get) {
                response in
                #expect(response.status == .ok)
                let page = Self.html(response)
                let expected = try ModelRegistry.load(from: fixture.models).analyze(
                    AnalysisInput(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10, score: 150_000, age: 25.5, startSpeed: 5),
                    language: .de)
                #expect(page.contains(Self.escaped(expected.motivationalMessage.message)))
                #expect(page.contains("<h2 id=\"result-title\">\(expected.clusterPrediction.clusterLabel) in"))
                #expect(page.contains(#"<svg xmlns="http://www.w3.org/2000/svg""#))
                #expect(page.contains("<title>Target ladder of DualFlow · Expert difficulty · 10 min</title>"))
                // The ladder is read among players of the player's age, as the analysis' targets are.
                #expect(page.contains("<figcaption>Percentiles among players aged about 26.</figcaption>"))
                #expect(page.contains(#"<th scope="col">percentile</th>"#))
                #expect(page.contains(#"value="150000""#))
            }
        }
    }

    @Test("invalid fields are a 400 with the error next to the field, and typed text is escaped")
    func validation() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration()) { client in
            let script = "%3Cscript%3Ealert(1)%3C%2Fscript%3E"
            try await client.execute(uri: "/?segment=DualFlow_-1_10&score=\(script)&age=300", method: .get) { response in
                #expect(response.status == .badRequest)
                let page = Self.html(response)
                #expect(!page.contains("<script>"))
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(
                    page.contains(
                        #"name="score" inputmode="decimal" value="&lt;script&gt;alert(1)&lt;/script&gt;" class="invalid" aria-invalid="true">"#
                    ))
                #expect(page.contains("The score must be a number, like 150000."))
            }
            try await client.execute(uri: "/?segment=DualFlow_-1_10&score=150000&age=300", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(Self.html(response).contains("The age must be between 5 and 100 years, got 300."))
            }
            try await client.execute(uri: "/?segment=Nope&score=1", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(Self.html(response).contains("Choose one of the loaded segments."))
            }
        }
    }

    @Test("a user id looks the player up: history shown; an unknown user is an error next to the field")
    func lookUp() async throws {
        let fixture = try await ServerFixture.shared
        let user = try #require(fixture.dualFlowUsers.first)
        try await withServer(fixture.configuration()) { client in
            try await client.execute(uri: "/?segment=DualFlow_-1_10&user=\(user)", method: .get) { response in
                #expect(response.status == .ok)
                let page = Self.html(response)
                #expect(page.contains("personal best <strong>"))
                #expect(page.contains("Latest workout "))
                #expect(page.contains("<title>Your last "))
                #expect(page.contains(">next target "))
            }
            try await client.execute(uri: "/?segment=DualFlow_-1_10&user=99999999", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(Self.html(response).contains("No user with id 99999999."))
            }
        }
        try await withServer(fixture.configuration(database: false)) { client in
            try await client.execute(uri: "/?segment=DualFlow_-1_10&user=\(user)", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(Self.html(response).contains("has no player database"))
            }
        }
    }

    @Test("the models page links every model; a model's page has its cluster table and charts")
    func models() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration(database: false)) { client in
            try await client.execute(uri: "/models", method: .get) { response in
                #expect(response.status == .ok)
                let page = Self.html(response)
                #expect(page.contains(#"<a href="/models/DualFlow_-1_10">DualFlow · Expert difficulty · 10 min</a>"#))
                #expect(page.contains(#"<a href="/models/DualFlow_-1_5">"#))
            }
            try await client.execute(uri: "/models/DualFlow_-1_10", method: .get) { response in
                #expect(response.status == .ok)
                let page = Self.html(response)
                #expect(page.components(separatedBy: "<svg ").count == 4)  // distribution, age curve, levels
                #expect(page.contains("The number of clusters was fixed at 4"))
                #expect(page.contains("<title>Score against age with the age curve, DualFlow · Expert difficulty · 10 min</title>"))
                #expect(page.contains("<title>Levels against age-graded score, DualFlow · Expert difficulty · 10 min</title>"))
                #expect(page.contains("Start the service with a database to see the players"))
                #expect(page.contains("<title>Score distribution of DualFlow · Expert difficulty · 10 min</title>"))
                #expect(page.contains("Percentiles among players of every age in the segment."))
                #expect(page.contains(#"<text x="16""#) && page.contains("players below (%)"))
                for label in ["Beginner", "Intermediate", "Advanced", "Expert"] { #expect(page.contains("<td>\(label)</td>")) }
            }
        }
    }

    @Test("a name from the data that holds markup is shown as text in pages and charts")
    func escapedModelNames() async throws {
        let fixture = try await ServerFixture.shared
        let models = try fixture.copyModels()
        defer { try? FileManager.default.removeItem(at: models) }
        let file = models.appendingPathComponent("DualFlow_-1_5.json")
        var model = try ModelFileStore.read(file)
        try FileManager.default.removeItem(at: file)
        model.segment = SegmentKey(gameMode: "<script>x</script>", difficulty: -1, durationMinutes: 5)
        try ModelFileStore.write(model, to: models)
        var configuration = fixture.configuration(database: false)
        configuration.modelsDirectory = models
        let stem = model.segment.fileStem
        try await withServer(configuration) { client in
            for uri in ["/", "/models", "/models/\(stem)", "/?segment=\(stem)&score=100000"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let page = Self.html(response)
                    #expect(response.status == .ok, "\(uri)")
                    #expect(!page.contains("<script>"), "\(uri)")
                    #expect(page.contains("&lt;script&gt;x&lt;/script&gt;"), "\(uri)")
                }
            }
        }
    }

    @Test("an uploaded CSV is scored: summary, escaped preview, and a download equal to the API's CSV")
    func batch() async throws {
        let fixture = try await ServerFixture.shared
        let csv =
            "userId,score,age,startSpeed,duration_minutes,note\n1,150000,25,5,10,<script>x</script>\n2,abc,30,5,10,\n3,90000,,,10,ok\n"
        try await withServer(fixture.configuration(database: false)) { client in
            try await client.execute(uri: "/batch", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.html(response).contains(#"enctype="multipart/form-data""#))
            }
            let apiCSV = try await client.execute(
                uri: "/v1/analyze/batch", method: .post, headers: [.contentType: "text/csv"], body: .text(csv)
            ) { String(buffer: $0.body) }
            try await client.execute(uri: "/batch", method: .post, headers: Multipart.headers, body: .text(Multipart.form(file: csv))) {
                response in
                #expect(response.status == .ok)
                let page = Self.html(response)
                #expect(page.contains("2 of 3 rows scored"))
                #expect(page.contains("score: is missing or not a number"))
                #expect(!page.contains("<script>x</script>"))
                #expect(page.contains("<td>&lt;script&gt;x&lt;/script&gt;</td>"))
                let prefix = "data:text/csv;charset=utf-8;base64,"
                let start = try #require(page.range(of: "href=\"" + prefix))
                let encoded = page[start.upperBound...].prefix { $0 != "\"" }
                let download = try #require(Data(base64Encoded: String(encoded)))
                #expect(String(decoding: download, as: UTF8.self) == apiCSV)
            }
        }
    }

    @Test(
        "a batch upload that cannot be used says why next to the file field",
        arguments: [
            ("", "Choose a CSV file."), ("age\n30\n", "score"), ("score\n\"150000\n", "quote"),
        ])
    func badUpload(file: String, problem: String) async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration(database: false)) { client in
            try await client.execute(uri: "/batch", method: .post, headers: Multipart.headers, body: .text(Multipart.form(file: file))) {
                response in
                #expect(response.status == .badRequest)
                let page = Self.html(response)
                #expect(page.contains(#"<span class="error" role="alert">"#))
                #expect(page.contains(problem), "\(problem)")
            }
        }
    }

    @Test("the batch page takes as many rows as the configured batch limit, and says so past it (413)")
    func batchRowLimit() async throws {
        let fixture = try await ServerFixture.shared
        var configuration = fixture.configuration(database: false)
        configuration.maximumBatchItems = 3
        try await withServer(configuration) { client in
            for (rows, status) in [(3, HTTPResponse.Status.ok), (4, .contentTooLarge)] {
                let file = "game_mode,difficulty,duration_minutes,score\n" + String(repeating: "DualFlow,-1,10,150000\n", count: rows)
                try await client.execute(
                    uri: "/batch", method: .post, headers: Multipart.headers, body: .text(Multipart.form(file: file))
                ) { response in
                    #expect(response.status == status, "\(rows) rows")
                    if status != .ok { #expect(Self.html(response).contains("a batch holds at most 3 players, got 4")) }
                }
            }
        }
    }

    @Test("with a database, the model page draws every player on the age curve and coloured by level")
    func chartsWithPlayers() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration()) { client in
            try await client.execute(uri: "/models/DualFlow_-1_10", method: .get) { response in
                let page = Self.html(response)
                let model = try ModelFileStore.read(fixture.models.appendingPathComponent("DualFlow_-1_10.json"))
                #expect(page.components(separatedBy: #"class="dot plain""#).count - 1 == model.rows.players + 1)  // + the legend's
                #expect(page.components(separatedBy: #"class="dot cluster-"#).count - 1 == model.rows.players)
                // Skill levels have no score-and-age mixture: no ellipses.
                #expect(!page.contains(#"class="ellipse"#))
                #expect(page.contains("level and age correlate at ρ = "))
                #expect(!page.contains("Start the service with a database"))
            }
        }
    }

    /// `text` as Mustache escapes it.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
