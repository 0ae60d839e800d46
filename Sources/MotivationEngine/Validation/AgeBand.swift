/// The age bands validation reports by.
enum AgeBand {
    /// Label, first age (inclusive), end age (exclusive).
    static let all: [(label: String, minimum: Double?, end: Double?)] = [
        ("<18", nil, 18), ("18–29", 18, 30), ("30–39", 30, 40), ("40–49", 40, 50), ("50–64", 50, 65), ("≥65", 65, nil),
    ]

    static func contains(_ age: Double, minimum: Double?, end: Double?) -> Bool {
        age >= (minimum ?? -.infinity) && age < (end ?? .infinity)
    }
}
