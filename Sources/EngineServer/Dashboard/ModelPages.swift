import Foundation
import MotivationEngine

/// The models list (`/models`).
struct ModelsPage {
    let title = "Models"
    let modelsPage = true
    let count: Int
    let loadedAt: String
    let models: [Row]

    struct Row {
        let name: String
        let segment: String
        let players: String
        let clusters: Int
        let bic: String
        let trainedAt: String
    }

    init(_ loaded: ModelStore.Loaded) {
        count = loaded.registry.engines.count
        loadedAt = DashboardFormatting.date(loaded.loadedAt)
        models = loaded.registry.modelsByName.map {
            Row(
                name: $0.segment.fileStem, segment: $0.segment.description, players: DashboardFormatting.integer($0.rows.players),
                clusters: $0.mixture.components, bic: DashboardFormatting.points($0.fit.bic), trainedAt: DashboardFormatting.date($0.trainedAt))
        }
    }
}

/// One model's page (`/models/{segment}`).
struct ModelPage {
    let title: String
    let modelsPage = true
    let segment: String
    let id: String
    let players: String
    let kept: String
    let input: String
    let clusterCount: Int
    let bic: String
    let trainedAt: String
    let features: String
    let clusters: [ClusterRow]
    let cleaning: [CleaningRow]
    let distribution: String
    let scatter: String
    /// Why the scatter has no points, when it has none.
    let scatterNote: String?
    let bicCurve: String
    /// Whether several numbers of clusters were compared (else there is no curve to draw).
    let hasBicCurve: Bool

    struct ClusterRow {
        let label: String
        let size: Int
        let share: String
        let mean: String
        let spread: String
        let range: String
    }

    struct CleaningRow {
        let reason: String
        let rows: Int
    }

    /// - Parameter rows: the players' rows for the scatter (empty without a database).
    init(_ engine: SegmentEngine, players rows: [[Double]], note: String?) {
        let model = engine.model
        title = model.segment.description
        segment = model.segment.description
        id = model.id
        players = DashboardFormatting.integer(model.rows.players)
        kept = DashboardFormatting.integer(model.rows.kept)
        input = DashboardFormatting.integer(model.rows.input)
        clusterCount = model.mixture.components
        bic = DashboardFormatting.points(model.fit.bic)
        trainedAt = DashboardFormatting.date(model.trainedAt)
        features = model.features.map(\.rawValue).joined(separator: ", ")
            + (model.droppedFeatures.isEmpty ? "" : " (dropped: " + model.droppedFeatures.map { "\($0.feature.rawValue), \($0.reason)" }.joined(separator: "; ") + ")")
        let ranges = model.targetPolicy.ladder.ranges
        clusters = model.clusters.map { cluster in
            let range = ranges[cluster.cluster]
            return ClusterRow(
                label: cluster.label, size: cluster.size, share: DashboardFormatting.percent(cluster.share),
                mean: DashboardFormatting.points(cluster.scoreMean), spread: DashboardFormatting.points(cluster.scoreStd),
                range: "\(DashboardFormatting.ordinal(range.lower)) → \(DashboardFormatting.ordinal(range.upper)) percentile")
        }
        cleaning = model.cleaning.dropped.filter { $0.value > 0 }.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { CleaningRow(reason: $0.key.rawValue.replacingOccurrences(of: "_", with: " "), rows: $0.value) }
        distribution = ModelCharts.scoreDistribution(model)
        scatter = ScatterChart.svg(engine: engine, players: rows)
        scatterNote = scatter.isEmpty ? "This model does not use age (it was constant or missing in the segment)." : note
        bicCurve = ModelCharts.bicCurve(model)
        hasBicCurve = !bicCurve.isEmpty
    }
}
