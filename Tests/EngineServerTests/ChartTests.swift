import Foundation
import MotivationEngine
import Testing

@testable import EngineDashboard
@testable import EngineServer

@Suite("SVG charts")
struct ChartTests {
    @Test("axes cover the data with 1-2-5 steps and place values linearly")
    func axis() {
        let axis = Axis(covering: 23_417, 361_900, from: 72, to: 600, ticks: 6)
        #expect(axis.lower == 0 && axis.upper == 400_000)
        #expect(axis.ticks == [0, 100_000, 200_000, 300_000, 400_000])  // 338k / 6 ≈ 56k → a step of 100k
        #expect(axis.position(0) == 72 && axis.position(400_000) == 600 && axis.position(200_000) == 336)
        #expect(Axis(covering: 0.3, 9.2, from: 0, to: 1, ticks: 5).ticks == [0, 2, 4, 6, 8, 10])
        let flipped = Axis(covering: 0, 100, from: 252, to: 16)
        #expect(flipped.position(100) == 16)
        #expect(Axis(covering: 5, 5, from: 0, to: 1).ticks.count >= 2)  // one value still gets a range
        #expect(Axis.label(150_000) == "150,000")
        #expect(Axis.label(6_339.5) == "6,339.5")
    }

    @Test("text is escaped and numbers are plain")
    func escaping() {
        var svg = SVG(width: 10, height: 10)
        svg.text("<b>\"Tom\" & 'Jerry'</b>", x: 1.005, y: 2)
        let document = svg.document(title: "a < b", description: "c > d")
        #expect(document.contains("&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"))
        #expect(document.contains("<title>a &lt; b</title><desc>c &gt; d</desc>"))
        #expect(!document.contains("<b>"))
        #expect(SVG.number(1.005) == "1" || SVG.number(1.005) == "1.01")
        #expect(SVG.number(.nan) == "0")
    }

    @Test("the BIC curve has a point per k tried, the chosen k marked; one k draws nothing")
    func bicCurve() async throws {
        let fixture = try await ServerFixture.shared
        var model = try ModelFileStore.read(fixture.models.appendingPathComponent("DualFlow_-1_10.json"))
        #expect(ModelCharts.bicCurve(model).isEmpty)
        let curve =
            #"[{"components":2,"bic":6800,"aic":0},{"components":3,"bic":6700,"aic":0},"#
            + #"{"components":4,"bic":6600,"aic":0},{"components":5,"bic":6800,"aic":0}]"#
        model.bicCurve = try JSONDecoder().decode([SegmentModel.CurvePoint].self, from: Data(curve.utf8))
        let svg = ModelCharts.bicCurve(model)
        #expect(svg.components(separatedBy: "<circle ").count == 5)
        #expect(svg.components(separatedBy: #"class="point chosen""#).count == 2)
        #expect(svg.contains("<title>k = 4: BIC 6,600</title>"))
        #expect(svg.contains("clusters (k)") && svg.contains("BIC (lower is better)"))
    }
}
