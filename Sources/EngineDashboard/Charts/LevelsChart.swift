import EngineServer
import Foundation
import MotivationEngine

/// The levels against the age-graded score: a dot per player at their age and age-graded score
/// (the score's z among players of the same age, `AgeCurve.Reading.z(of:)`), coloured by level,
/// each level's mean age-graded score as a dashed line across the ages and its centre (mean age,
/// mean age-graded score) marked. Levels of skill lie in horizontal bands that span every age;
/// levels that are age groups lie side by side. Empty for a model without an age curve.
enum LevelsChart {
    /// The chart and the caption the page shows under it.
    struct Drawing {
        let svg: String
        let caption: String
    }

    static func drawing(engine: SegmentEngine, players: [PlottedPlayer]) -> Drawing? {
        let model = engine.model
        guard let curve = model.ageCurve else { return nil }
        let drawn = players.map { (player: $0, z: curve.reading(atAge: $0.age).z(of: $0.score)) }
        let levels = model.clusters.map { cluster in
            let members = drawn.filter { $0.player.cluster == cluster.cluster }
            let meanZ =
                cluster.featureMeans[Feature.ageGradedScore.rawValue]
                ?? (members.isEmpty ? nil : members.reduce(0) { $0 + $1.z } / Double(members.count))
            let meanAge =
                cluster.ageMean
                ?? (members.isEmpty ? nil : members.reduce(0) { $0 + $1.player.age } / Double(members.count))
            return (cluster: cluster, meanZ: meanZ, meanAge: meanAge)
        }
        let range = curve.ageRange
        let xs = [range.lowerBound, range.upperBound] + drawn.map(\.player.age)
        let ys = [-2.5, 2.5] + drawn.map(\.z) + levels.compactMap(\.meanZ)
        let frame = ChartFrame(x: xs.min()!...xs.max()!, y: ys.min()!...ys.max()!)
        let x = frame.x, y = frame.y!
        var svg = ChartFrame.canvas(extraHeight: 24)
        frame.draw(on: &svg, xTitle: "age (years)", yTitle: "age-graded score (z)")
        for (player, z) in drawn {
            svg.circle(x: x.position(player.age), y: y.position(z), radius: 2, className: "dot cluster-\(player.cluster % 4)")
        }
        let (left, right) = (x.position(range.lowerBound), x.position(max(range.upperBound, range.lowerBound + 1)))
        for level in levels {
            guard let meanZ = level.meanZ else { continue }
            let c = level.cluster.cluster % 4
            svg.line(x1: left, y1: y.position(meanZ), x2: right, y2: y.position(meanZ), className: "level-mean cluster-line-\(c)")
            if let meanAge = level.meanAge {
                svg.circle(
                    x: x.position(meanAge), y: y.position(meanZ), radius: 6, className: "centre cluster-\(c)",
                    title: "\(level.cluster.label): mean age \(Axis.label(meanAge)), mean age-graded score \(Axis.label(meanZ))")
            }
        }
        var legendX = ChartFrame.plot.left
        for cluster in model.clusters {
            svg.rect(x: legendX, y: ChartFrame.height + 8, width: 10, height: 10, className: "cluster-\(cluster.cluster % 4)")
            svg.text(cluster.label, x: legendX + 14, y: ChartFrame.height + 17, anchor: "start", className: "label")
            legendX += 24 + Double(cluster.label.count) * 7
        }
        svg.circle(x: legendX + 6, y: ChartFrame.height + 13, radius: 5, className: "centre legend-centre")
        svg.text("level centre", x: legendX + 16, y: ChartFrame.height + 17, anchor: "start", className: "label")

        let means = levels.compactMap { level in
            level.meanAge.map { "\(level.cluster.label) \(DashboardFormatting.style.format($0, fractionDigits: 1))" }
        }
        var facts = means.isEmpty ? "" : " Mean age by level: " + means.joined(separator: ", ") + "."
        if let withAge = RankCorrelation.spearman(drawn.map { Double($0.player.cluster) }, drawn.map(\.player.age)),
            let withSkill = RankCorrelation.spearman(drawn.map { Double($0.player.cluster) }, drawn.map(\.z))
        {
            facts +=
                " Among the \(DashboardFormatting.integer(drawn.count)) players drawn, level and age correlate at "
                + "ρ = \(correlation(withAge)), level and age-graded score at ρ = \(correlation(withSkill)) (Spearman)."
        }
        let caption = intro(model) + facts
        let svgText = svg.document(
            title: "Levels against age-graded score, \(model.segment)",
            description: "Age-graded score (the score's z among players of the same age) against age, "
                + (drawn.isEmpty ? "players not drawn (no database); " : "\(drawn.count) players coloured by level; ")
                + "dashed lines at each level's mean age-graded score. " + intro(model) + facts)
        return Drawing(svg: svgText, caption: caption)
    }

    /// What the levels were fitted on, and what that means for the chart.
    static func intro(_ model: SegmentModel) -> String {
        guard model.features.first == .ageGradedScore else {
            return "These levels were fitted on the raw score with age beside it (seed levels, kept for comparison), "
                + "so they follow age as well as skill."
        }
        let others = model.features.dropFirst()
        return "Levels are fitted on the age-graded score (the score's z among players of the same age, from the age curve)"
            + (others.isEmpty ? "" : " with " + names(others))
            + ", so a level is a band of skill that spans every age, not an age group."
    }

    /// `start speed and duration`: features as a sentence names them.
    static func names<Features: Collection<Feature>>(_ features: Features) -> String {
        features.map { feature in
            switch feature {
            case .score: "score"
            case .age: "age"
            case .startSpeed: "start speed"
            case .durationMinutes: "duration"
            case .ageGradedScore: "age-graded score"
            }
        }.joined(separator: " and ")
    }

    private static func correlation(_ value: Double) -> String {
        DashboardFormatting.style.format(value, fractionDigits: 2)
    }
}
