import EngineServer
import ExperimentReport
import MotivationEngine

/// A table of arms or groups: their label columns, players, then a cell per metric.
struct RetentionTable {
    let caption: String
    let labelColumns: [String]
    let metricColumns: [String]
    let rows: [Row]

    /// The metrics' column titles, in the order of `Row.metrics`.
    static func metricColumns(hitWorkouts: Int) -> [String] {
        [
            "returned within 7 days (primary)", "returned within 28 days",
            "target hit within \(DashboardFormatting.count(hitWorkouts, "workout"))",
            "workouts in 28 days (mean)",
        ]
    }

    struct Row {
        let labels: [String]
        let players: String
        let metrics: [RetentionCell]

        init(
            labels: [String], players: Int, metrics: RetentionReport.Metrics<RetentionReport.MetricResult>,
            differences: RetentionReport.Metrics<RetentionReport.Difference?>?
        ) {
            self.labels = labels
            self.players = DashboardFormatting.integer(players)
            self.metrics = [
                RetentionCell(metrics.returnedWithin7Days, differences?.returnedWithin7Days, kind: .share),
                RetentionCell(metrics.returnedWithin28Days, differences?.returnedWithin28Days, kind: .share),
                RetentionCell(metrics.targetHit, differences?.targetHit, kind: .share),
                RetentionCell(metrics.workoutsWithin28Days, differences?.workoutsWithin28Days, kind: .mean),
            ]
        }
    }
}

/// One metric of an arm or group: the estimate with its interval, the difference to control with
/// its interval (marked when it excludes zero), and the players left out while their window is
/// open. What a cell does not have is nil.
struct RetentionCell {
    let estimate: String
    let interval: String?
    /// `vs control +4.1 points`.
    let difference: String?
    let differenceInterval: String?
    let excludesZero: Bool
    let leftOut: String?

    /// How a metric's values read.
    enum Kind {
        /// A rate: percentages, differences in percentage points.
        case share
        /// A mean count, with two decimals.
        case mean

        func value(_ value: Double) -> String {
            switch self {
            case .share: DashboardFormatting.percent(value)
            case .mean: DashboardFormatting.style.format(value, fractionDigits: 2)
            }
        }

        /// A difference with its unit: `+4.1 points`, `+0.25`.
        func difference(_ value: Double) -> String {
            switch self {
            case .share: DashboardFormatting.percentagePoints(value)
            case .mean: signed(value)
            }
        }

        /// A difference without its unit: `+4.1`, `+0.25`.
        func signed(_ value: Double) -> String {
            switch self {
            case .share: DashboardFormatting.signed(value * 100, fractionDigits: 1)
            case .mean: DashboardFormatting.signed(value, fractionDigits: 2)
            }
        }
    }

    init(_ result: RetentionReport.MetricResult, _ difference: RetentionReport.Difference?, kind: Kind) {
        estimate = result.estimate.map(kind.value) ?? "—"
        interval = Self.interval(result.ciLow, result.ciHigh, kind.value)
        self.difference = difference.map { "vs control " + kind.difference($0.difference) }
        differenceInterval = Self.interval(difference?.ciLow, difference?.ciHigh, kind.signed)
        excludesZero = difference?.excludesZero ?? false
        leftOut = result.leftOut > 0 ? DashboardFormatting.integer(result.leftOut) : nil
    }

    /// `28.1 % to 34.5 %`; nil without both ends.
    private static func interval(_ low: Double?, _ high: Double?, _ format: (Double) -> String) -> String? {
        guard let low, let high else { return nil }
        return "\(format(low)) to \(format(high))"
    }
}
