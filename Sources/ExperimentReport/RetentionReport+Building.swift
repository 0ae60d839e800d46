import MotivationEngine

extension RetentionReport {
    /// The report of an experiment from one row per exposed player (in any order).
    ///
    /// One pass over the rows, then sorting each arm's return times: 100,000 rows over 4 arms
    /// and 192 groups take about 50 ms in a release build.
    /// - Throws: `RetentionReportError` when the settings are out of range
    ///   (`RetentionReportSettings.problem`).
    public init(outcomes: [ExposureOutcome], settings: RetentionReportSettings, experiment: String)
        throws(RetentionReportError)
    {
        if let problem = settings.problem { throw RetentionReportError(problem: problem) }
        var builder = RetentionReportBuilder(settings: settings)
        for outcome in outcomes { builder.add(outcome) }
        self = builder.report(experiment: experiment)
    }
}
