import EngineServer
import Foundation
import MotivationEngine

/// The models list (`/models`).
struct ModelsPage: DashboardPage {
    /// The page's template.
    static let template = "models"

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
        /// `skill`, `seed`, or `seed, format 1` (no age curve).
        let levels: String
        let bic: String
        let trainedAt: String
    }

    init(_ loaded: LoadedModels) {
        count = loaded.registry.engines.count
        loadedAt = DashboardFormatting.date(loaded.loadedAt)
        models = loaded.registry.modelsByName.map {
            Row(
                name: $0.segment.fileStem, segment: $0.segment.description, players: DashboardFormatting.integer($0.rows.players),
                clusters: $0.mixture.components,
                levels: $0.features.first == .ageGradedScore ? "skill" : $0.ageCurve == nil ? "seed, format \($0.format)" : "seed",
                bic: DashboardFormatting.points($0.fit.bic), trainedAt: DashboardFormatting.date($0.trainedAt))
        }
    }
}

/// One model's page (`/models/{segment}`).
struct ModelPage: DashboardPage {
    /// The page's template.
    static let template = "model"

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
    /// What the levels are fitted on, and the file format.
    let levels: String
    /// Whether the levels are of skill (the mixture's first feature is the age-graded score).
    let skillLevels: Bool
    /// How the cluster table is ordered.
    let clusterOrder: String
    let clusters: [ClusterRow]
    let cleaning: [CleaningRow]
    let distribution: String
    /// Whom the score distribution's percentiles are among, and how a player's differ.
    let distributionCaption: String
    /// The age curve and the levels against age-graded score (models with an age curve).
    let ageCurve: String
    let ageCurveCaption: String
    let levelsChart: String
    let levelsCaption: String
    let hasAgeCurve: Bool
    /// Score against age with the mixture's ellipses (models whose mixture has score and age).
    let scatter: String
    let hasScatter: Bool
    /// Why the scatter has no ellipses or the charts no points, when so.
    let scatterNote: String?
    let playersNote: String?
    let bicCurve: String
    /// Whether several numbers of clusters were compared (else there is no curve to draw).
    let hasBicCurve: Bool

    struct ClusterRow {
        let label: String
        let size: Int
        let share: String
        let mean: String
        let spread: String
        /// Mean age of its players (`–` in format 1 files).
        let meanAge: String
        /// Mean age-graded score (skill levels only).
        let meanGraded: String?
        let range: String
    }

    struct CleaningRow {
        let reason: String
        let rows: Int
    }

    /// - Parameters:
    ///   - rows: the players' rows for the charts (empty without a database), in
    ///     `Feature.recorded` order.
    ///   - note: why there are no rows, when there are none.
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
        features =
            model.features.map(\.rawValue).joined(separator: ", ")
            + (model.droppedFeatures.isEmpty
                ? "" : " (dropped: " + model.droppedFeatures.map { "\($0.feature.rawValue), \($0.reason)" }.joined(separator: "; ") + ")")
        skillLevels = model.features.first == .ageGradedScore
        levels = Self.levels(model)
        clusterOrder = skillLevels ? "mean age-graded score" : "mean score"
        let ranges = model.targetPolicy.ladder.ranges
        let graded = skillLevels
        clusters = model.clusters.map { cluster in
            let range = ranges[cluster.cluster]
            return ClusterRow(
                label: cluster.label, size: cluster.size, share: DashboardFormatting.percent(cluster.share),
                mean: DashboardFormatting.points(cluster.scoreMean), spread: DashboardFormatting.points(cluster.scoreStd),
                meanAge: cluster.ageMean.map { DashboardFormatting.style.format($0, fractionDigits: 1) } ?? "–",
                meanGraded: graded
                    ? cluster.featureMeans[Feature.ageGradedScore.rawValue].map { DashboardFormatting.style.format($0, fractionDigits: 2) }
                        ?? "–"
                    : nil,
                range: "\(DashboardFormatting.ordinal(range.lower)) → \(DashboardFormatting.ordinal(range.upper)) percentile")
        }
        cleaning = model.cleaning.dropped.filter { $0.value > 0 }.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { CleaningRow(reason: $0.key.rawValue.replacingOccurrences(of: "_", with: " "), rows: $0.value) }

        let plotted = PlottedPlayer.sample(rows, engine: engine)
        distribution = ModelCharts.scoreDistribution(model)
        distributionCaption =
            model.ageCurve == nil
            ? "Percentiles among every player of the segment, whatever their age: this model (file format \(model.format)) "
                + "has no age curve, so a player's percentiles and targets are read from this distribution."
            : "Percentiles among players of every age in the segment. A player's own percentiles and targets are among "
                + "players of their age (the age curve below), so for the young and the old they differ from this chart."
        ageCurve = AgeCurveChart.svg(model: model, players: plotted)
        hasAgeCurve = !ageCurve.isEmpty
        ageCurveCaption = model.ageCurve.map(Self.ageCurveCaption) ?? ""
        let levelsDrawing = LevelsChart.drawing(engine: engine, players: plotted)
        levelsChart = levelsDrawing?.svg ?? ""
        levelsCaption = levelsDrawing?.caption ?? ""
        scatter = ScatterChart.svg(engine: engine, players: plotted)
        // Skill levels have no score-and-age mixture to draw; seed levels and format 1 files do.
        hasScatter = !scatter.isEmpty || !skillLevels
        scatterNote =
            scatter.isEmpty
            ? "This model does not use age (it was constant or missing in the segment)."
            : rows.isEmpty ? note.map { $0 + " The ellipses come from the model." } : nil
        playersNote = rows.isEmpty && hasAgeCurve ? note.map { $0 + " The curves and the level lines come from the model." } : nil
        bicCurve = ModelCharts.bicCurve(model)
        hasBicCurve = !bicCurve.isEmpty
    }

    /// `skill: the age-graded score with start speed · file format 2`.
    static func levels(_ model: SegmentModel) -> String {
        let format = "file format \(model.format)"
        switch model.features.first {
        case .ageGradedScore?:
            return "skill (the age-graded score"
                + (model.features.count > 1 ? " with " + LevelsChart.names(model.features.dropFirst()) : "")
                + ") · \(format)"
        default:
            guard model.ageCurve != nil else {
                return "seed (the raw features, as trained before age curves; they follow age as well as skill) · \(format), no age curve"
            }
            return "seed (the raw features, kept for comparison; they follow age as well as skill) · \(format)"
        }
    }

    /// What the age curve chart shows and how it is used.
    static func ageCurveCaption(_ curve: AgeCurve) -> String {
        let range = curve.ageRange
        return "The median score of players of each age, with the middle half (25th–75th centile) and the middle 80 % "
            + "(10th–90th) shaded: LMS centile curves (Cole & Green), fitted on one row per player "
            + "(\(DashboardFormatting.integer(curve.players)) players aged \(Axis.label(range.lowerBound.rounded())) to "
            + "\(Axis.label(range.upperBound.rounded()))). A player's age-graded score is where their score falls among "
            + "players of their age, and their percentiles and targets are read from the curve at their age "
            + "(ages outside the curve's are read at its nearest end)."
    }
}
