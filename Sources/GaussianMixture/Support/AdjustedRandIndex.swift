/// The adjusted Rand index of two partitions of the same items (Hubert and Arabie, 1985).
///
/// It counts pairs of items that the partitions put together or apart alike, corrected for
/// chance: 1 for identical partitions (whatever the label names), about 0 for independent
/// ones, and negative when they agree less than chance would. It equals scikit-learn's
/// `adjusted_rand_score`, special cases included: when no pair is split by one partition
/// and joined by the other (for example identical partitions, also trivial ones such as
/// every item in one cluster or every item alone, and empty input) the result is 1.0.
///
/// ```swift
/// adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])  // 1.0
/// adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])  // 0.5714285714285714
/// ```
///
/// - Parameters:
///   - a: one label per item (any integers; only equality matters).
///   - b: one label per item, in the same order as `a`.
/// - Returns: the index, in `[-0.5, 1]`.
/// - Precondition: `a.count == b.count`.
public func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double {
    precondition(a.count == b.count, "adjustedRandIndex: \(a.count) labels against \(b.count)")
    let n = a.count
    // Contingency table of (label in a, label in b) counts, and its margins.
    var cells: [Pair: Int] = [:]
    var rowSums: [Int: Int] = [:]
    var columnSums: [Int: Int] = [:]
    for (x, y) in zip(a, b) {
        cells[Pair(a: x, b: y), default: 0] += 1
        rowSums[x, default: 0] += 1
        columnSums[y, default: 0] += 1
    }
    // Pair confusion counts as scikit-learn's `pair_confusion_matrix` forms them (ordered
    // pairs, so each is twice the unordered count; the factor cancels in the ratio).
    // Exact integer arithmetic; the products below are formed in Double to avoid overflow.
    var sumSquares = 0
    var rowWeighted = 0  // Σ_ij n_ij · (column sum j)
    var columnWeighted = 0  // Σ_ij n_ij · (row sum i)
    for (pair, count) in cells {
        sumSquares += count * count
        rowWeighted += count * columnSums[pair.b]!
        columnWeighted += count * rowSums[pair.a]!
    }
    let together = sumSquares - n  // together in both
    let onlyInB = rowWeighted - sumSquares  // apart in a, together in b
    let onlyInA = columnWeighted - sumSquares  // together in a, apart in b
    if onlyInA == 0 && onlyInB == 0 { return 1.0 }
    let apart = n * n - onlyInB - onlyInA - sumSquares  // apart in both
    let tp = Double(together), tn = Double(apart), fp = Double(onlyInB), fn = Double(onlyInA)
    return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))
}

/// A cell of the contingency table.
private struct Pair: Hashable {
    let a: Int
    let b: Int
}
