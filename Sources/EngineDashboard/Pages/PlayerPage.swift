import EngineServer
import Foundation
import MotivationEngine
import PlayerStore

/// The player analysis page (`/`): the form, its errors next to their fields, and the result.
struct PlayerPage: DashboardPage {
    /// The page's template.
    static let template = "player"

    let title = "Player analysis"
    let playerPage = true
    let database: Bool
    var segments: [SegmentOption]
    var languages: [LanguageOption]
    var policies: [PolicyOption]
    var form: Form
    var errors = Errors()
    var result: Result?

    struct SegmentOption {
        let name: String
        let text: String
        let selected: Bool
    }

    struct LanguageOption {
        let code: String
        let name: String
        let selected: Bool
    }

    struct PolicyOption {
        let name: String
        let selected: Bool
    }

    /// The values as typed, shown back in the form.
    struct Form {
        var segment = ""
        var user = ""
        var score = ""
        var age = ""
        var startSpeed = ""
        var language = "en"
        var policy = TargetPolicyKind.cohort.rawValue
        /// Earlier scores for a typed-in player's personal target, separated by spaces (a form
        /// sends a space as `+`, which the query keeps).
        var recentScores = ""
    }

    struct Errors {
        var segment: String?
        var user: String?
        var score: String?
        var age: String?
        var startSpeed: String?
        var policy: String?
        var recentScores: String?
        var general: String?

        var isEmpty: Bool { [segment, user, score, age, startSpeed, policy, recentScores, general].allSatisfy { $0 == nil } }
    }

    struct Result {
        let label: String
        let segment: String
        let message: String
        let nextTarget: String
        let nextTargetPercentile: String
        let pointsToGo: String
        let currentPercentile: String
        let reason: String
        let policy: String
        let confidence: String
        let probabilities: [Probability]
        let targets: [TargetRow]
        let ladder: String
        /// Whom the ladder's percentiles are among (the player's age, or every age).
        let population: String
        let history: HistoryView?
    }

    struct Probability {
        let label: String
        let percent: String
    }

    struct TargetRow {
        let percentile: String
        let score: String
        let reached: String
    }

    struct HistoryView {
        let latestPlayedAt: String
        let personalBest: String
        let completedWorkouts: String
        let trendWorkouts: String
        let trend: String
        let chart: String
    }

    /// The page for the query's values (empty on first visit).
    init(query: [String: String], registry: ModelRegistry, database: Bool) {
        self.database = database
        form = Form(
            segment: query["segment"] ?? "", user: query["user"] ?? "", score: query["score"] ?? "", age: query["age"] ?? "",
            startSpeed: query["start_speed"] ?? "", language: query["language"] ?? "en",
            policy: query["target_policy"] ?? TargetPolicyKind.cohort.rawValue,
            recentScores: (query["recent_scores"] ?? "").replacingOccurrences(of: "+", with: " "))
        segments = Self.segmentOptions(registry, chosen: form.segment)
        languages = Self.languageOptions(selected: form.language)
        let chosen = form.policy
        policies = TargetPolicyKind.allCases.map { PolicyOption(name: $0.rawValue, selected: $0.rawValue == chosen) }
    }

    /// The loaded segments for a `<select>`: `chosen` selected if loaded, else DualFlow · Expert
    /// difficulty · 10 min, else the first.
    static func segmentOptions(_ registry: ModelRegistry, chosen: String?) -> [SegmentOption] {
        let segments = registry.modelsByName.map(\.segment)
        let names = segments.map(\.fileStem)
        let selected = chosen.flatMap { names.contains($0) ? $0 : nil } ?? names.first { $0.hasPrefix("DualFlow_-1_10") } ?? names.first
        return segments.map { SegmentOption(name: $0.fileStem, text: $0.description, selected: $0.fileStem == selected) }
    }

    /// The message languages for a `<select>`, `selected` (English by default) selected.
    static func languageOptions(selected: String?) -> [LanguageOption] {
        let language = selected.flatMap(Language.init(identifier:)) ?? .en
        return Language.allCases.map { LanguageOption(code: $0.rawValue, name: name(of: $0), selected: $0 == language) }
    }

    /// A language's name in itself, as the `<select>` shows it.
    private static func name(of language: Language) -> String {
        switch language {
        case .en: "English"
        case .de: "Deutsch"
        case .fr: "Français"
        }
    }

    /// A number typed into a field, or the field's error.
    static func number(_ text: String, field: String, example: String, required: Bool) -> (Double?, String?) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        if trimmed.isEmpty { return (nil, required ? "Enter the \(field)." : nil) }
        guard let value = Double(trimmed), value.isFinite else { return (nil, "The \(field) must be a number, like \(example).") }
        return (value, nil)
    }

    /// The chosen policy, or its error.
    var policy: (TargetPolicyKind?, String?) {
        guard let policy = TargetPolicyKind(rawValue: form.policy) else {
            return (nil, "Choose cohort, personal or blended.")
        }
        return (policy, nil)
    }

    /// The typed earlier scores (spaces or semicolons between them), or their error.
    var recentScores: ([Double], String?) {
        var scores: [Double] = []
        for piece in form.recentScores.split(whereSeparator: { $0 == " " || $0 == ";" }) {
            let (value, error) = Self.number(String(piece), field: "recent scores", example: "131000 142000", required: true)
            guard let value, value >= 0 else {
                return ([], error ?? "Recent scores are points, 0 or more, like 131000 142000 138500.")
            }
            scores.append(value)
        }
        return (scores, nil)
    }

    /// The result view of `analysis`.
    static func result(_ analysis: Analysis, engine: SegmentEngine, history: PlayerHistory?) -> Result {
        let message = analysis.motivationalMessage
        let score = analysis.playerData.score, age = analysis.playerData.age
        return Result(
            label: analysis.clusterPrediction.clusterLabel, segment: analysis.segment.description, message: message.message,
            nextTarget: DashboardFormatting.points(message.nextTarget),
            nextTargetPercentile: message.nextTargetPercentile.map { "the \(DashboardFormatting.ordinal($0)) percentile" }
                ?? "a stretch goal",
            pointsToGo: DashboardFormatting.points(message.pointsToNextTarget),
            currentPercentile: DashboardFormatting.ordinal(message.currentPercentile), reason: message.targetReason.text,
            policy: message.targetPolicy.rawValue,
            confidence: DashboardFormatting.percent(analysis.clusterPrediction.confidence),
            probabilities: zip(engine.model.clusters, analysis.clusterPrediction.probabilities).map {
                Probability(label: $0.label, percent: DashboardFormatting.percent($1))
            },
            targets: analysis.performanceTargets.targets.map {
                TargetRow(
                    percentile: DashboardFormatting.ordinal($0.percentile), score: DashboardFormatting.points($0.score),
                    reached: score >= $0.score ? "yes" : "not yet")
            },
            ladder: LadderChart.svg(engine: engine, score: score, age: age, nextTarget: message.nextTarget),
            population: LadderChart.population(model: engine.model, age: age, scale: engine.scale(forAge: age)),
            history: history.map {
                HistoryView(
                    latestPlayedAt: DashboardFormatting.date($0.latestPlayedAt), personalBest: DashboardFormatting.points($0.personalBest),
                    completedWorkouts: DashboardFormatting.count($0.completedWorkouts, "completed workout"),
                    trendWorkouts: DashboardFormatting.count($0.trend.workouts, "workout"),
                    trend: $0.trend.improving
                        ? "improving, +\(DashboardFormatting.points($0.trend.slopePerWorkout)) points a workout"
                        : "not improving (\(DashboardFormatting.points($0.trend.slopePerWorkout)) a workout)",
                    chart: RecentScoresChart.svg(scores: $0.recentScores, nextTarget: message.nextTarget, personalBest: $0.personalBest))
            })
    }
}
