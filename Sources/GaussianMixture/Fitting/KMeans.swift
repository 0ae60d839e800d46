import Foundation

/// k-means as scikit-learn's `KMeans(n_init=1)` runs it to initialise a mixture: greedy
/// k-means++ seeding, then Lloyd iterations until the labels stop changing or the centres
/// move less than `1e-4 ×` the mean feature variance, at most 300 times.
struct KMeans {
    let data: ColumnBlocks
    let threads: Int
    static let maxIterations = 300
    static let relativeTolerance = 1e-4

    /// Greedy k-means++: each new centre is the best (lowest total squared distance) of
    /// `2 + ⌊ln k⌋` candidates drawn with probability proportional to squared distance.
    /// - Returns: `k × d` centres, row-major.
    func seed(components k: Int, generator: inout SeededGenerator) -> [Double] {
        let n = data.rows, d = data.columns
        var centres: [Double] = []
        let first = Int(generator.nextUnit() * Double(n))
        centres += point(first)
        var closest = squaredDistances(to: point(first))
        var potential = closest.reduce(0, +)
        let trials = 2 + Int(log(Double(k)))
        for _ in 1..<k {
            var cumulative = closest
            for i in 1..<n { cumulative[i] += cumulative[i - 1] }
            var best: (index: Int, potential: Double, distances: [Double])?
            for _ in 0..<trials {
                let target = generator.nextUnit() * potential
                let candidate = min(firstIndex(in: cumulative, reaching: target), n - 1)
                let distances = squaredDistances(to: point(candidate))
                var total = 0.0
                for i in 0..<n { total += min(closest[i], distances[i]) }
                if best == nil || total < best!.potential { best = (candidate, total, distances) }
            }
            let chosen = best!
            for i in 0..<n { closest[i] = min(closest[i], chosen.distances[i]) }
            potential = chosen.potential
            centres += point(chosen.index)
        }
        precondition(centres.count == k * d)
        return centres
    }

    /// Runs Lloyd's algorithm from `centres` and returns each row's final cluster.
    func cluster(from initial: [Double], components k: Int) -> [Int] {
        let tolerance = Self.relativeTolerance * meanVariance()
        var centres = initial
        var previous: [Int]? = nil
        for _ in 0..<Self.maxIterations {
            let step = LloydStep(data: data, centres: centres, components: k, threads: threads)
            let updated = step.updatedCentres(emptyClusterPoint: point(step.farthestRow))
            let shift = zip(updated, centres).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            centres = updated
            if step.labels == previous { return step.labels }
            if shift <= tolerance { break }
            previous = step.labels
        }
        return LloydStep(data: data, centres: centres, components: k, threads: threads).labels
    }

    /// Each row's nearest centre.
    func nearest(_ centres: [Double], components k: Int) -> [Int] {
        LloydStep(data: data, centres: centres, components: k, threads: threads).labels
    }

    /// Row `i` as a point.
    func point(_ i: Int) -> [Double] {
        (0..<data.columns).map { value(row: i, column: $0) }
    }

    private func value(row i: Int, column j: Int) -> Double {
        data.storage[j * data.blockCount + i / Lanes.scalarCount][i % Lanes.scalarCount]
    }

    /// Squared Euclidean distance of every row to `centre`.
    func squaredDistances(to centre: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: data.rows)
        let width = Lanes.scalarCount
        for b in 0..<data.blockCount {
            var total = Lanes()
            for j in 0..<data.columns {
                let delta = data.storage[j * data.blockCount + b] - Lanes(repeating: centre[j])
                total = total.plus(delta, times: delta)
            }
            for lane in 0..<min(width, data.rows - b * width) { result[b * width + lane] = total[lane] }
        }
        return result
    }

    /// The first index whose cumulative value reaches `target` (numpy's `searchsorted`, left side).
    private func firstIndex(in cumulative: [Double], reaching target: Double) -> Int {
        var low = 0, high = cumulative.count
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The mean over features of each feature's variance.
    private func meanVariance() -> Double {
        var total = 0.0
        let n = Double(data.rows)
        for j in 0..<data.columns {
            let column = (0..<data.rows).lazy.map { self.value(row: $0, column: j) }
            let mean = column.reduce(0, +) / n
            total += column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        }
        return total / Double(data.columns)
    }
}
