/// The age a player's percentiles are read at, for the reason that explains a target.
struct AgeContext: Equatable {
    /// The player's age in whole years.
    let age: Int
    /// The age in whole years the curve was read at: the player's, or the nearest end of the
    /// curve's range when the player's age is outside it.
    let readAt: Int
    /// Whether the age was outside the curve's range (and by which end).
    let clamped: Clamp?

    enum Clamp: Equatable { case belowYoungest, aboveOldest }

    /// A context with the given ages.
    init(age: Int, readAt: Int, clamped: Clamp?) {
        self.age = age
        self.readAt = readAt
        self.clamped = clamped
    }

    /// The context of a player of `age` on `scale`; nil on the unconditional scale.
    init?(age: Double?, scale: PercentileScale) {
        guard let age, let reading = scale.reading else { return nil }
        self.age = Int(age.rounded())
        readAt = Int(reading.age.rounded())
        clamped = age < reading.age ? .belowYoungest : age > reading.age ? .aboveOldest : nil
    }
}
