/// The `personal` policy's target: a percentile of the player's own last games in the segment.
/// It follows the player's form both ways: weak games lower it, strong games raise it.
struct PersonalTarget: Equatable {
    /// The target: the settings' percentile of the window, in whole points (rounded up).
    let score: Double
    /// The percentile of the window that is the target.
    let percentile: Double
    /// The games it is taken over.
    let windowSize: Int
    /// The `reachPercentile` of the window: how high the player's best recent games go.
    let reach: Double

    /// The target over `earlier` scores (oldest first) and the latest `score`, or nil when the
    /// window holds fewer than `settings.minimumWorkouts` games.
    init?(score: Double, earlier: [Double], settings: PersonalTargetSettings) {
        let window = settings.window(score: score, earlier: earlier)
        guard window.count >= settings.minimumWorkouts else { return nil }
        self.score = PercentileTable.percentile(settings.percentile, ofSorted: window).rounded(.up)
        percentile = settings.percentile
        windowSize = window.count
        reach = PercentileTable.percentile(settings.reachPercentile, ofSorted: window)
    }
}
