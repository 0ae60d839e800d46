import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MotivationEngine
import Testing

@testable import EngineServer

@Suite("Monitoring")
struct MonitoringTests {
    @Test("the stability index is 0 for the same shares, small for a small shift, above 0.2 for a change")
    func stabilityIndex() {
        let trained = [0.1, 0.35, 0.3, 0.25]
        #expect(PopulationStability.index(expected: trained, actual: trained) == 0)
        let small = PopulationStability.index(expected: trained, actual: [0.12, 0.33, 0.3, 0.25])
        #expect(small > 0 && small < 0.01)
        // (0.7 − 0.1)·ln 7 + (0.1 − 0.35)·ln(0.1/0.35) + … ≈ 1.8
        let changed = PopulationStability.index(expected: trained, actual: [0.7, 0.1, 0.1, 0.1])
        #expect(changed > 1.5 && changed < 2.1)
        #expect(PopulationStability.index(expected: trained, actual: [1, 0, 0, 0]).isFinite)
    }

    @Test("requests and analyses are counted per minute; old minutes roll off the hour")
    func minutes() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let statistics = ServingStatistics(now: start)
        statistics.recordRequest(duration: .milliseconds(2), at: start)
        statistics.recordRequest(duration: .milliseconds(4), at: start)
        statistics.recordAnalyses(segment: ServerFixture.dualFlow10, cluster: 1, count: 3, at: start)
        statistics.recordRequest(duration: .milliseconds(1), at: start + 120)
        let hour = statistics.lastHour(now: start + 120)
        #expect(hour.count == ServingStatistics.minutes)
        #expect(hour.last!.bucket.requests == 1)
        #expect(hour[hour.count - 3].bucket.requests == 2)
        #expect(abs(hour[hour.count - 3].bucket.latencySeconds - 0.006) < 1e-9)
        #expect(hour[hour.count - 3].bucket.analyses == 3)
        #expect(statistics.lastHour(now: start + 3_600 * 2).allSatisfy { $0.bucket.requests == 0 })
        #expect(statistics.clusterCounts[ServerFixture.dualFlow10] == [1: 3])
        #expect(hour[hour.count - 3].bucket.clusters[ServerFixture.dualFlow10] == [1: 3])
        #expect(hour.last!.bucket.clusters.isEmpty)
    }

    @Test("the page warns about a segment whose served clusters left the trained ones")
    func page() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration(database: false)) { client in
            try await client.execute(uri: "/monitoring", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("No analyses served yet."))
                #expect(!page.contains("Drift over time"))
            }
            // Sixty experts only: the clusters served are far from the trained shares.
            let expert = #"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10,"score":400000,"age":30,"startSpeed":6}"#
            let batch = "[" + Array(repeating: expert, count: 60).joined(separator: ",") + "]"
            try await client.execute(uri: "/v1/analyze/batch", method: .post, body: .text(batch)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/monitoring", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains(#"<td class="number">60</td>"#))
                #expect(page.contains("⚠ changed: retrain or investigate"))
                #expect(page.contains("<title>Requests per minute</title>"))
                #expect(page.contains("<title>Mean latency per minute</title>"))
                #expect(page.contains("<title>Stability index over the last 10 minutes, DualFlow · Expert difficulty · 10 min</title>"))
                #expect(page.contains("warning above 0.2"))
            }
        }
    }
}
