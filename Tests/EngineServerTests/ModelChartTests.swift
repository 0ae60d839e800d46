import Foundation
import HummingbirdTesting
import MotivationEngine
import PlayerStore
import Testing

@testable import EngineDashboard
@testable import EngineServer

/// The model page's charts of age and level: the age curve and the levels against age-graded
/// score for models with an age curve, the score/age scatter with the mixture's ellipses for
/// seed levels and format 1 files.
@Suite("Model page charts")
struct ModelChartTests {
    static func html(_ response: TestResponse) -> String {
        String(buffer: response.body)
    }

    /// The `<svg>…</svg>` whose title starts with `title`.
    static func chart(_ page: String, titled title: String) -> String? {
        page.components(separatedBy: "<svg ").dropFirst().first { $0.hasPrefix(#"xmlns"#) && $0.contains("<title>\(title)") }
            .map { "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
    }

    /// A copy of the fixture's models with seed levels: DualFlow / -1 / 10 as written today
    /// (format 2, with its age curve) and DualFlow / -1 / 5 as a format 1 file (no age curve,
    /// no level basis, no weights, no mean ages), trained on the fixture's database.
    static func seedModels(_ fixture: ServerFixture) async throws -> URL {
        let models = try fixture.copyModels()
        let groups: [SegmentKey: [PlayerRecord]] = try await PlayerDatabase.with(.sqlite(path: fixture.databasePath)) { db in
            try await PlayerQueries(db).workoutsBySegment(matching: SegmentDefaults(gameMode: "DualFlow", difficulty: -1))
        }
        var options = TrainingOptions()
        options.restarts = 2
        options.levels = .seed
        let trainer = SegmentTrainer(options: options)
        for segment in [ServerFixture.dualFlow10, ServerFixture.dualFlow5] {
            _ = try ModelFileStore.write(try trainer.train(groups[segment] ?? [], segment: segment), to: models)
        }
        let file = models.appendingPathComponent(ModelFileStore.fileName(for: ServerFixture.dualFlow5))
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        json["format"] = 1
        json["age_curve"] = nil
        var training = try #require(json["training"] as? [String: Any])
        training["levels"] = nil
        json["training"] = training
        var scaler = try #require(json["scaler"] as? [String: Any])
        scaler["weights"] = nil
        json["scaler"] = scaler
        json["clusters"] = try #require(json["clusters"] as? [[String: Any]]).map { cluster in
            var cluster = cluster
            cluster["age_mean"] = nil
            return cluster
        }
        try JSONSerialization.data(withJSONObject: json).write(to: file)
        let formatOne = try ModelFileStore.read(file)
        #expect(formatOne.format == 1 && formatOne.ageCurve == nil && formatOne.training.levels == .seed)
        return models
    }

    @Test("a skill model's page draws the age curve and the levels against age-graded score, titled, labelled and described")
    func skillModelCharts() async throws {
        let fixture = try await ServerFixture.shared
        let model = try ModelFileStore.read(fixture.models.appendingPathComponent("DualFlow_-1_10.json"))
        #expect(model.features.first == .ageGradedScore)
        let curve = try #require(model.ageCurve)
        for database in [false, true] {
            try await withServer(fixture.configuration(database: database)) { client in
                try await client.execute(uri: "/models/DualFlow_-1_10", method: .get) { response in
                    #expect(response.status == .ok)
                    let page = Self.html(response)
                    let ageCurve = try #require(
                        Self.chart(page, titled: "Score against age with the age curve, DualFlow · Expert difficulty · 10 min"))
                    #expect(ageCurve.contains(#"role="img""#))
                    #expect(
                        ageCurve.contains(
                            "<desc>Centile curves (LMS, L = \(Axis.label(curve.power))) fitted on \(curve.players) players aged "))
                    #expect(ageCurve.contains(">age (years)</text>") && ageCurve.contains(">score (points)</text>"))
                    #expect(ageCurve.components(separatedBy: "<polygon ").count - 1 == 2)  // 10–90 and 25–75
                    #expect(ageCurve.contains(#"class="median""#) && ageCurve.contains(">median</text>"))
                    #expect(ageCurve.contains(">10th–90th centile</text>") && ageCurve.contains(">25th–75th centile</text>"))
                    #expect(!ageCurve.contains("NaN") && !ageCurve.contains("inf"))
                    #expect(page.contains("<h2>Age curve</h2>"))
                    #expect(page.contains("LMS centile curves (Cole &amp; Green), fitted on one row per player"))

                    let levels = try #require(
                        Self.chart(page, titled: "Levels against age-graded score, DualFlow · Expert difficulty · 10 min"))
                    #expect(levels.contains("<desc>Age-graded score (the score&#39;s z among players of the same age) against age"))
                    #expect(levels.contains(">age (years)</text>") && levels.contains(">age-graded score (z)</text>"))
                    #expect(levels.components(separatedBy: "class=\"level-mean cluster-line-").count - 1 == model.clusters.count)
                    #expect(levels.components(separatedBy: "class=\"centre cluster-").count - 1 == model.clusters.count)
                    for cluster in model.clusters { #expect(levels.contains(">\(cluster.label)</text>")) }
                    #expect(page.contains("<h2>Levels against age-graded score</h2>"))
                    #expect(page.contains("so a level is a band of skill that spans every age, not an age group."))
                    #expect(page.contains("Mean age by level: Beginner "))
                    // The score/age mixture scatter is for seed levels only.
                    #expect(!page.contains("Score against age by cluster"))
                    #expect(page.contains("Clusters, ordered by mean age-graded score"))
                    #expect(page.contains("Levels: skill (the age-graded score"))
                    if database {
                        #expect(levels.contains(" players coloured by level; "))
                        #expect(page.contains("level and age correlate at ρ = "))
                    } else {
                        #expect(levels.contains("players not drawn (no database)"))
                        #expect(
                            page.contains(
                                "Start the service with a database to see the players. The curves and the level lines come from the model.")
                        )
                    }
                }
            }
        }
    }

    @Test("seed levels keep the score/age scatter with ellipses; a format 1 model (no age curve) still renders")
    func seedAndFormatOneModels() async throws {
        let fixture = try await ServerFixture.shared
        let models = try await Self.seedModels(fixture)
        defer { try? FileManager.default.removeItem(at: models) }
        var configuration = fixture.configuration()
        configuration.modelsDirectory = models
        try await withServer(configuration) { client in
            try await client.execute(uri: "/models", method: .get) { response in
                #expect(response.status == .ok)
                let page = Self.html(response)
                #expect(page.contains("<td>seed</td>") && page.contains("<td>seed, format 1</td>"))
            }
            // Seed levels with an age curve (format 2): all four charts of age and level.
            try await client.execute(uri: "/models/DualFlow_-1_10", method: .get) { response in
                #expect(response.status == .ok)
                let page = Self.html(response)
                let scatter = try #require(Self.chart(page, titled: "Score against age by cluster, DualFlow · Expert difficulty · 10 min"))
                #expect(scatter.components(separatedBy: #"class="ellipse"#).count - 1 == 4)
                #expect(Self.chart(page, titled: "Score against age with the age curve") != nil)
                #expect(Self.chart(page, titled: "Levels against age-graded score") != nil)
                #expect(page.contains("These levels were fitted on the raw score with age beside it (seed levels, kept for comparison)"))
                #expect(page.contains("Clusters, ordered by mean score"))
            }
            // Format 1: no age curve, so no curve chart and no levels chart; the scatter stays.
            try await client.execute(uri: "/models/DualFlow_-1_5", method: .get) { response in
                #expect(response.status == .ok)
                let page = Self.html(response)
                #expect(page.contains("<h1>DualFlow · Expert difficulty · 5 min</h1>"))
                let scatter = try #require(Self.chart(page, titled: "Score against age by cluster, DualFlow · Expert difficulty · 5 min"))
                #expect(scatter.components(separatedBy: #"class="ellipse"#).count - 1 == 4)
                let formatOne = try ModelFileStore.read(models.appendingPathComponent("DualFlow_-1_5.json"))
                #expect(scatter.components(separatedBy: #"class="dot cluster-"#).count - 1 == formatOne.rows.players)
                #expect(Self.chart(page, titled: "Score distribution of DualFlow · Expert difficulty · 5 min") != nil)
                #expect(!page.contains("Age curve") && !page.contains("Levels against age-graded score"))
                #expect(page.contains("this model (file format 1) has no age curve"))
                #expect(page.contains("file format 1, no age curve"))
                #expect(page.contains(#"<td class="number">–</td>"#))  // no mean ages in format 1 files
            }
            // Its player page reads percentiles among every player, and says so.
            try await client.execute(uri: "/?segment=DualFlow_-1_5&score=70000&age=30", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.html(response).contains("Percentiles among every player of the segment (the model has no age curve)."))
            }
        }
    }

    @Test("the score/age scatter draws nothing, and does not crash, for a mixture on the age-graded score")
    func scatterOfSkillModel() async throws {
        let fixture = try await ServerFixture.shared
        let engine = SegmentEngine(model: try ModelFileStore.read(fixture.models.appendingPathComponent("DualFlow_-1_10.json")))
        let players = PlottedPlayer.sample([[150_000, 25, 5, 10], [90_000, 70, 4, 10]], engine: engine)
        #expect(players.count == 2)
        #expect(ScatterChart.svg(engine: engine, players: players).isEmpty)
        #expect(!LevelsChart.drawing(engine: engine, players: players)!.svg.isEmpty)
        var model = engine.model
        model.ageCurve = nil
        #expect(AgeCurveChart.svg(model: model, players: players).isEmpty)
    }

    @Test("a curve of one age (every player the same age) is drawn a year wide, with finite numbers")
    func oneAgeCurve() async throws {
        let fixture = try await ServerFixture.shared
        var model = try ModelFileStore.read(fixture.models.appendingPathComponent("DualFlow_-1_10.json"))
        let curve = try #require(model.ageCurve)
        model.ageCurve = AgeCurve(ages: [30], power: curve.power, median: [curve.median[0]], variation: [curve.variation[0]], players: 50)
        let svg = AgeCurveChart.svg(model: model, players: [PlottedPlayer(score: 120_000, age: 30, cluster: 1)])
        #expect(svg.contains("<polygon ") && !svg.contains("NaN"))
        #expect(svg.contains("fitted on 50 players aged 30 to 30; age 30: median "))
    }

    @Test("the ladder is read among players of the player's age; without an age among every player")
    func ladderForAge() async throws {
        let fixture = try await ServerFixture.shared
        let engine = SegmentEngine(model: try ModelFileStore.read(fixture.models.appendingPathComponent("DualFlow_-1_10.json")))
        let young = LadderChart.svg(engine: engine, score: 100_000, age: 10, nextTarget: 110_000)
        let adult = LadderChart.svg(engine: engine, score: 100_000, age: 30, nextTarget: 110_000)
        let anyAge = LadderChart.svg(engine: engine, score: 100_000, age: nil, nextTarget: 110_000)
        #expect(young.contains("percentiles among players aged about 10;"))
        #expect(adult.contains("percentiles among players aged about 30;"))
        #expect(anyAge.contains("percentiles among players of every age (no age given);"))
        #expect(young != adult && adult != anyAge)
        // The P50 line sits where the analysis' 50th percentile target of that age is.
        let scale = engine.scale(forAge: 10)
        let frame = ChartFrame(
            x: min(scale.score(atPercentile: 1), 100_000)...max(scale.score(atPercentile: 99), 110_000), y: nil)
        let x = SVG.number(frame.x.position(scale.score(atPercentile: 50).rounded(.up)))
        #expect(young.contains(#"<line x1="\#(x)" y1="56" x2="\#(x)" y2="252" class="target"/>"#))
        let range = try #require(engine.model.ageCurve).ageRange
        let old = LadderChart.svg(engine: engine, score: 100_000, age: range.upperBound + 5, nextTarget: 110_000)
        #expect(old.contains("is read at its oldest)"))
    }
}
