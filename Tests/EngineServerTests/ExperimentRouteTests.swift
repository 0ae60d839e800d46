import DatabaseTestSupport
import DemoData
import EngineServer
import Foundation
import HummingbirdTesting
import MotivationEngine
import PlayerStore
import SQLKit
import Testing

/// Policies per request and experiment arms through the HTTP routes, and the exposure log.
@Suite("HTTP: target policies and experiments")
struct ExperimentRouteTests {
    static let experiment = Experiment(
        name: "route-test", start: Date(timeIntervalSince1970: 1_700_000_000),
        arms: [
            ExperimentArm(name: "control", share: 0.25, policy: nil),
            ExperimentArm(name: "cohort", share: 0.25, policy: .cohort),
            ExperimentArm(name: "personal", share: 0.25, policy: .personal),
            ExperimentArm(name: "blended", share: 0.25, policy: .blended),
        ])

    static func body(user: Int, extra: String = "") -> String {
        #"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10,"score":120000,"age":30,"startSpeed":5,"user_id":\#(user)\#(extra)}"#
    }

    static func message(_ response: TestResponse) throws -> [String: Any] {
        let json = try response.json()
        let analysis = (json["analysis"] as? [String: Any]) ?? json
        return try #require(analysis["motivational_message"] as? [String: Any], "\(String(buffer: response.body))")
    }

    @Test("each player gets their arm's policy; control's target is hidden; a requested policy wins")
    func arms() async throws {
        var configuration = try await ServerFixture.shared.configuration(database: false)
        configuration.experiments = ExperimentPlan(experiments: [Self.experiment])
        try await withServer(configuration) { client in
            for user in 1...40 {
                let arm = Self.experiment.arm(for: String(user))
                let body = Self.body(user: user, extra: #","recent_scores":[100000,110000,125000]"#)
                try await client.execute(uri: "/v1/analyze", method: .post, body: .text(body)) { response in
                    #expect(response.status == .ok)
                    let message = try Self.message(response)
                    #expect(message["target_shown"] as? Bool == arm.showsTarget, "user \(user), arm \(arm.name)")
                    #expect(message["target_policy"] as? String == arm.computedPolicy.rawValue)
                    #expect((message["template_id"] as? String)?.hasPrefix("no_target#") == !arm.showsTarget)
                }
            }
            let requested = Self.body(user: 3, extra: #","target_policy":"personal","recent_scores":[100000,110000,125000]"#)
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(requested)) { response in
                let message = try Self.message(response)
                #expect(message["target_policy"] as? String == "personal")
                #expect(message["target_shown"] as? Bool == true)
                let reason = try #require(message["target_reason"] as? [String: Any])
                #expect(reason["source"] as? String == "personal")
                #expect(reason["window_size"] as? Int == 4)
            }
        }
    }

    @Test("the player route takes target_policy and answers the personal window from the database")
    func playerPolicy() async throws {
        let fixture = try await ServerFixture.shared
        let user = try #require(fixture.dualFlowUsers.first)
        try await withServer(fixture.configuration()) { client in
            let uri = "/v1/players/\(user)/motivation?\(ServerFixture.segmentQuery)&target_policy=personal"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let history = try #require(try response.json()["history"] as? [String: Any])
                let window = try #require(history["window_scores"] as? [Double])
                let message = try Self.message(response)
                #expect(message["target_policy"] as? String == "personal")
                let reason = try #require(message["target_reason"] as? [String: Any])
                if window.count >= PersonalTargetSettings.standard.minimumWorkouts {
                    #expect(reason["source"] as? String == "personal")
                    #expect(reason["window_size"] as? Int == window.count)
                } else {
                    #expect((reason["text"] as? String)?.contains("a personal target needs") == true)
                }
            }
            try await client.execute(
                uri: "/v1/players/\(user)/motivation?\(ServerFixture.segmentQuery)&target_policy=hardest", method: .get
            ) { response in
                #expect(response.status == .badRequest)
                let error = try response.error()
                #expect(error.message.hasPrefix("target_policy: must be one of cohort, personal, blended"))
            }
        }
    }

    @Test(
        "every exposure is logged with its arm, template and shown flag; the arm is recorded at the first",
        arguments: TestDatabases.backends)
    func exposureLog(backend: Backend) async throws {
        let fixture = try await ServerFixture.shared
        let users = Array(fixture.dualFlowUsers.prefix(12))
        try await fixture.withDemoDatabase(backend) { location in
            var configuration = fixture.configuration()
            configuration.database = location
            configuration.predictionLog = true
            configuration.experiments = ExperimentPlan(experiments: [Self.experiment])
            try await withServer(configuration) { client in
                for _ in 0..<2 {
                    for user in users {
                        try await client.execute(
                            uri: "/v1/players/\(user)/motivation?\(ServerFixture.segmentQuery)", method: .get
                        ) { response in #expect(response.status == .ok) }
                    }
                }
            }
            let (exposures, assignments) = try await PlayerDatabase.with(location) { db in
                (
                    try await db.raw(
                        "SELECT user_id, experiment, arm, template_id, target_shown, target_source, cluster_label FROM engine_predictions"
                    ).all(),
                    try await db.raw("SELECT user_id, arm FROM engine_experiment_assignments WHERE experiment = 'route-test'").all()
                )
            }
            #expect(exposures.count == 2 * users.count)
            #expect(assignments.count == users.count)
            for row in exposures {
                let user = try row.decode(column: "user_id", as: String.self)
                let arm = Self.experiment.arm(for: user)
                #expect(try row.decode(column: "experiment", as: String.self) == "route-test")
                #expect(try row.decode(column: "arm", as: String.self) == arm.name)
                #expect(try row.decode(column: "target_shown", as: Bool.self) == arm.showsTarget)
                #expect(try row.decode(column: "template_id", as: String.self).contains("#"))
                #expect(!(try row.decode(column: "cluster_label", as: String.self)).isEmpty)
                #expect(["cohort", "personal", "personal_step"].contains(try row.decode(column: "target_source", as: String.self)))
            }
            for row in assignments {
                #expect(
                    try row.decode(column: "arm", as: String.self)
                        == Self.experiment.arm(for: try row.decode(column: "user_id", as: String.self)).name)
            }
        }
    }
}
