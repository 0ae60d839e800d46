import EngineServer
import Foundation
import GaussianMixture
import MotivationEngine

/// Score against age, a point per player coloured by cluster, with each cluster's two-sigma
/// ellipse from the mixture (marginalised to score and age) and a legend: the chart of models
/// whose mixture has score and age among its features (seed levels, format 1 files). A model of
/// skill levels has neither (its mixture is on the age-graded score): `AgeCurveChart` and
/// `LevelsChart` draw it.
enum ScatterChart {
    /// - Parameter players: the players to draw, with their levels; may be empty.
    /// - Returns: the SVG, or "" when the mixture does not have score and age.
    static func svg(engine: SegmentEngine, players points: [PlottedPlayer]) -> String {
        let model = engine.model
        guard model.features.first == .score, let ageIndex = model.features.firstIndex(of: .age),
            let marginal = try? model.mixture.marginal(over: [0, ageIndex])
        else { return "" }
        let ellipses = (0..<marginal.components).map { component in
            ellipse(marginal, component: component, scaler: model.scaler, indices: (0, ageIndex))
        }
        let xs = points.map(\.age) + ellipses.flatMap { $0.map(\.age) }
        let ys = points.map(\.score) + ellipses.flatMap { $0.map(\.score) }
        let frame = ChartFrame(x: xs.min()!...xs.max()!, y: ys.min()!...ys.max()!)
        var svg = ChartFrame.canvas(extraHeight: 24)
        frame.draw(on: &svg, xTitle: "age (years)", yTitle: "score (points)")
        for point in points {
            svg.circle(
                x: frame.x.position(point.age), y: frame.y!.position(point.score), radius: 2, className: "dot cluster-\(point.cluster % 4)")
        }
        for (component, outline) in ellipses.enumerated() {
            svg.polyline(
                outline.map { (frame.x.position($0.age), frame.y!.position($0.score)) }, className: "ellipse cluster-line-\(component % 4)")
        }
        var legendX = ChartFrame.plot.left
        for cluster in model.clusters {
            svg.rect(x: legendX, y: ChartFrame.height + 8, width: 10, height: 10, className: "cluster-\(cluster.cluster % 4)")
            svg.text(cluster.label, x: legendX + 14, y: ChartFrame.height + 17, anchor: "start", className: "label")
            legendX += 24 + Double(cluster.label.count) * 7
        }
        return svg.document(
            title: "Score against age by cluster, \(model.segment)",
            description: "\(points.count) players; ellipses enclose about 86 % of each cluster (two standard deviations): "
                + model.clusters.map(\.label).joined(separator: ", "))
    }

    /// The two-sigma outline of `component` in data units (48 points, closed).
    private static func ellipse(
        _ mixture: GaussianMixtureModel, component: Int, scaler: Standardizer, indices: (Int, Int)
    ) -> [(score: Double, age: Double)] {
        let c = mixture.covariances.matrix(component: component, dimensions: 2)
        let (sx, sy) = (scaler.std[indices.0], scaler.std[indices.1])
        let (a, b, d) = (c[0][0] * sx * sx, c[0][1] * sx * sy, c[1][1] * sy * sy)
        let center = (mixture.means[component][0] * sx + scaler.mean[indices.0], mixture.means[component][1] * sy + scaler.mean[indices.1])
        let spread = ((a - d) / 2 * (a - d) / 2 + b * b).squareRoot()
        let (major, minor) = (max(0, (a + d) / 2 + spread).squareRoot() * 2, max(0, (a + d) / 2 - spread).squareRoot() * 2)
        let angle = 0.5 * atan2(2 * b, a - d)
        return (0...48).map { step in
            let t = Double(step) / 48 * 2 * Double.pi
            let (u, v) = (major * cos(t), minor * sin(t))
            return (score: center.0 + u * cos(angle) - v * sin(angle), age: center.1 + u * sin(angle) + v * cos(angle))
        }
    }
}
