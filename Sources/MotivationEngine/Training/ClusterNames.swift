/// Names of clusters ordered by mean score, lowest first.
enum ClusterNames {
    /// The four levels of the original engine.
    static let standard = ["Beginner", "Intermediate", "Advanced", "Expert"]

    /// Ordered names for `k` clusters: the four levels for 4, a prefix or an extension of them
    /// for 1…6 (`Elite`, `Master` above Expert), and `Level 1` … `Level k` beyond.
    static func names(_ k: Int) -> [String] {
        switch k {
        case 1: return ["All players"]
        case 2: return ["Beginner", "Advanced"]
        case 3: return ["Beginner", "Intermediate", "Advanced"]
        case 4: return standard
        case 5: return standard + ["Elite"]
        case 6: return standard + ["Elite", "Master"]
        default: return (1...k).map { "Level \($0)" }
        }
    }
}
