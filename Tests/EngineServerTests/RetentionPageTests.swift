import DemoData
import ExperimentReport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MotivationEngine
import PlayerStore
import SQLKit
import Synchronization
import Testing

@testable import EngineDashboard
@testable import EngineServer

/// The experiments page (`/reports/retention`): the report of a logged experiment, and a
/// friendly page with a 4xx (503 without a database) when there is none.
@Suite("Experiments page")
struct RetentionPageTests {
    /// A configuration serving the fixture's models, the database at `path` and `plan`.
    static func configuration(database path: String, plan: [Experiment] = [ExposureFixture.experiment]) async throws -> ServerConfiguration
    {
        var configuration = try await ServerFixture.shared.configuration()
        configuration.database = .sqlite(path: path)
        configuration.experiments = ExperimentPlan(experiments: plan)
        return configuration
    }

    /// The report the JSON route answers for `query`.
    static func report(_ client: some TestClientProtocol, query: String = "") async throws -> RetentionReport {
        let response = try await client.execute(uri: "/v1/reports/retention" + query, method: .get)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(RetentionReport.self, from: Data(response.body.readableBytesView))
    }

    @Test("a logged experiment: the verdict first, each arm, the warning, both charts and the groups")
    func report() async throws {
        let database = try await ExposureFixture.database(players: 300)
        defer { try? FileManager.default.removeItem(atPath: database) }
        try await withServer(try await Self.configuration(database: database)) { client in
            let report = try await Self.report(client)
            try await client.execute(uri: "/reports/retention", method: .get) { response in
                #expect(response.status == .ok)
                let page = DashboardTests.html(response)
                #expect(page.contains(#"<a href="/reports/retention" aria-current="page">Experiments</a>"#))
                #expect(page.contains(#"<option value="fixture-experiment">fixture-experiment</option>"#))
                let verdict = try #require(page.range(of: #"<ul class="verdict">"#))
                let arms = try #require(page.range(of: #"<h2 id="arms-title">"#))
                #expect(verdict.lowerBound < arms.lowerBound)
                for sentence in report.verdict.dropLast(report.power.reached ? 0 : 1) {
                    #expect(page.contains(DashboardTests.escaped(sentence)), "\(sentence)")
                }
                #expect(!report.power.reached)
                #expect(page.contains(#"<p class="warning" role="note"><strong>Planned sample not reached.</strong> "#))
                for arm in report.arms { #expect(page.contains("<td>\(arm.arm)</td><td class=\"number\">\(arm.players)</td>")) }
                #expect(page.contains("vs control "))
                #expect(page.contains("each arm needs "))
                #expect(page.contains("<title>Players back for a workout by days since their first target, per arm</title>"))
                #expect(page.contains("<title>Difference to control in the 7-day return, per arm, with 95 % confidence intervals</title>"))
                #expect(page.contains("<details><summary>Per segment, cluster and arm (\(report.groups.count) groups)</summary>"))
                #expect(page.contains("<td>DualFlow · Expert difficulty · 10 min</td>"))
                #expect(!page.contains("left out (window still open)"))  // every window has elapsed
            }
        }
    }

    @Test("as of a day whose 28-day windows are still open, the players are left out of those metrics")
    func openWindows() async throws {
        let database = try await ExposureFixture.database(players: 100)
        defer { try? FileManager.default.removeItem(atPath: database) }
        let clock = try await PlayerDatabase.with(.sqlite(path: database)) { try await ExposureOutcomeQuery($0).dataClock() }
        // The fixture shows the targets 40 days before the clock: 10 days later, 7 days have passed, 28 have not.
        let asOf = try #require(clock).addingTimeInterval(-30 * 86_400).formatted(Date.ISO8601FormatStyle())
        try await withServer(try await Self.configuration(database: database)) { client in
            let report = try await Self.report(client, query: "?as_of=\(asOf)")
            #expect(report.arms.allSatisfy { $0.metrics.returnedWithin28Days.leftOut == $0.players })
            try await client.execute(uri: "/reports/retention?as_of=\(asOf)&hit_workouts=3", method: .get) { response in
                #expect(response.status == .ok)
                let page = DashboardTests.html(response)
                #expect(page.contains(#"name="as_of" value="\#(asOf)""#))
                #expect(page.contains("target hit within 3 workouts"))
                for arm in report.arms {
                    #expect(page.contains("—<br><small>\(arm.players) left out (window still open)</small>"), "\(arm.arm)")
                }
            }
        }
    }

    @Test("names from the log that hold markup are text in the page and the charts")
    func escapedNames() async throws {
        let database = try await ExposureFixture.database(players: 200)
        defer { try? FileManager.default.removeItem(atPath: database) }
        try await PlayerDatabase.with(.sqlite(path: database)) { db in
            for table in ["engine_predictions", "engine_experiment_assignments"] {
                try await db.raw("UPDATE \(unsafeRaw: table) SET experiment = '<script>x</script>'").run()
                try await db.raw("UPDATE \(unsafeRaw: table) SET arm = '<b>personal</b>' WHERE arm = 'personal'").run()
            }
        }
        try await withServer(try await Self.configuration(database: database, plan: [])) { client in
            try await client.execute(uri: "/reports/retention", method: .get) { response in
                #expect(response.status == .ok)
                let page = DashboardTests.html(response)
                #expect(!page.contains("<script>x") && !page.contains("<b>personal"))
                #expect(page.contains(#"<h2 id="verdict-title">&lt;script&gt;x&lt;/script&gt;</h2>"#))
                #expect(page.contains("<td>&lt;b&gt;personal&lt;/b&gt;</td>"))
                #expect(page.contains(">&lt;b&gt;personal&lt;/b&gt; ("))  // the chart's legend
            }
        }
    }

    @Test("without exposures, a 404 page explains how to run an experiment")
    func noExperiment() async throws {
        let fixture = try await ServerFixture.shared
        // No engine tables at all.
        try await withServer(fixture.configuration()) { client in
            try await client.execute(uri: "/reports/retention", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = DashboardTests.html(response)
                #expect(page.contains(#"<h2 id="problem-title">No experiment has run yet</h2>"#))
                #expect(page.contains("sphery-engine serve --experiments FILE"))
                #expect(page.contains("sphery-engine simulate --db sphery-demo/players.sqlite --models sphery-demo/models --weeks 6"))
                #expect(!page.contains("verdict-title"))
            }
        }
        // The engine's tables, an experiment configured, nobody exposed.
        let database = try fixture.copyDatabase()
        defer { try? FileManager.default.removeItem(atPath: database) }
        try await PlayerDatabase.with(.sqlite(path: database)) { _ = try await EngineSchema.migrate(on: $0) }
        try await withServer(try await Self.configuration(database: database, plan: DemoExperiment.plan.experiments)) { client in
            try await client.execute(uri: "/reports/retention", method: .get) { response in
                #expect(response.status == .notFound)
                let page = DashboardTests.html(response)
                #expect(page.contains("No player has been shown a target in an experiment yet"))
                #expect(page.contains("<li>targets-demo (from "))
                #expect(page.contains(#"<option value="targets-demo">targets-demo</option>"#))
            }
            try await client.execute(uri: "/reports/retention?experiment=targets-demo", method: .get) { response in
                #expect(response.status == .notFound)
                let page = DashboardTests.html(response)
                #expect(page.contains("No player has been shown a target in “targets-demo” yet"))
                #expect(page.contains(#"<option value="targets-demo" selected>"#))
            }
        }
    }

    @Test("a malformed field is a 400 with the error next to it; an unknown experiment a 404 next to its field")
    func fieldErrors() async throws {
        let database = try await ExposureFixture.database(players: 20)
        defer { try? FileManager.default.removeItem(atPath: database) }
        try await withServer(try await Self.configuration(database: database)) { client in
            try await client.execute(uri: "/reports/retention?as_of=soon", method: .get) { response in
                #expect(response.status == .badRequest)
                let page = DashboardTests.html(response)
                #expect(page.contains(#"name="as_of" value="soon" placeholder="2026-12-01" class="invalid" aria-invalid="true">"#))
                #expect(page.contains(#"<span class="error" role="alert">as_of must be a date (2026-12-01) or an ISO 8601 time"#))
            }
            try await client.execute(uri: "/reports/retention?hit_workouts=0", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(DashboardTests.html(response).contains("hit_workouts must be a whole number from 1 to 100"))
            }
            try await client.execute(uri: "/reports/retention?experiment=nope", method: .get) { response in
                #expect(response.status == .notFound)
                let page = DashboardTests.html(response)
                #expect(page.contains(#"<select name="experiment" class="invalid" aria-invalid="true">"#))
                #expect(page.contains("The experiments file has no experiment named"))
            }
        }
    }

    @Test("without a database the page says so, with 503")
    func noDatabase() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration(database: false)) { client in
            try await client.execute(uri: "/reports/retention", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(DashboardTests.html(response).contains("The player database is not available"))
            }
        }
    }

    @Test("the verdict tells a claimed effect from no evidence, and sets the sample warning apart")
    func verdict() async throws {
        var report = try await Self.loggedReport(players: 300)
        let arm = try #require(report.arms.last?.vsControl?.returnedWithin7Days)
        #expect(report.arms.count == 2 && !report.power.reached)
        let view = RetentionReportView(report)
        #expect(view.verdict.map(\.text) == Array(report.verdict.dropLast()))
        #expect(view.warning == report.verdict.last)
        #expect(view.verdict.map(\.claim) == [arm.excludesZero] && view.verdict.map(\.noEvidence) == [!arm.excludesZero])

        report.arms[1].vsControl?.returnedWithin7Days?.excludesZero = true
        let claimed = RetentionReportView(report)
        #expect(claimed.verdict.map(\.claim) == [true] && claimed.verdict.map(\.noEvidence) == [false])
        #expect(claimed.arms.rows[1].metrics[0].excludesZero)
    }

    @Test("the return curves draw a stepped line and a legend entry per arm; the forest plot a bar per compared arm")
    func charts() async throws {
        let report = try await Self.loggedReport(players: 300)
        let curves = ReturnCurveChart.svg(report.returnCurves)
        #expect(curves.components(separatedBy: #"class="curve cluster-line-"#).count - 1 == report.arms.count)
        for curve in report.returnCurves {
            #expect(curves.contains(">\(curve.arm) (\(curve.players) players)</text>"))
            #expect(curves.contains("<title>\(curve.arm): "))
        }
        let compared = report.arms.filter { $0.vsControl?.returnedWithin7Days?.ciLow != nil }
        let forest = DifferenceChart.svg(report)
        #expect(!compared.isEmpty)
        #expect(forest.components(separatedBy: #"class="interval"#).count - 1 == compared.count)
        #expect(forest.contains("planned +5"))

        var empty = report
        empty.returnCurves = report.returnCurves.map { curve in
            var curve = curve
            curve.points = curve.points.map {
                var point = $0; point.returned = nil; return point
            }
            return curve
        }
        empty.arms = report.arms.map {
            var arm = $0; arm.vsControl = nil; return arm
        }
        #expect(ReturnCurveChart.svg(empty.returnCurves).isEmpty)
        #expect(DifferenceChart.svg(empty).isEmpty)
    }

    /// The report of `ExposureFixture`'s experiment with `players` exposed, as the JSON route answers it.
    static func loggedReport(players: Int) async throws -> RetentionReport {
        let database = try await ExposureFixture.database(players: players)
        defer { try? FileManager.default.removeItem(atPath: database) }
        let report = Mutex<RetentionReport?>(nil)
        try await withServer(try await configuration(database: database)) { client in
            let answer = try await Self.report(client)
            report.withLock { $0 = answer }
        }
        return try #require(report.withLock { $0 })
    }
}
