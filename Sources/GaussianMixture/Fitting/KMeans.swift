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
        let n = data.rows
        let first = Int(generator.nextUnit() * Double(n))
        var centres = point(first)
        var closest = [Double](repeating: .infinity, count: n)
        var potential = nearerDistances(to: centres, than: closest, into: &closest)
        let trials = 2 + Int(log(Double(k)))
        var cumulative = closest, candidate = closest, best = closest
        for _ in 1..<k {
            var total = 0.0
            for i in 0..<n {
                total += closest[i]
                cumulative[i] = total
            }
            var bestIndex = -1, bestPotential = Double.infinity
            for _ in 0..<trials {
                let index = min(firstIndex(in: cumulative, reaching: generator.nextUnit() * potential), n - 1)
                let candidatePotential = nearerDistances(to: point(index), than: closest, into: &candidate)
                if candidatePotential < bestPotential {
                    (bestIndex, bestPotential) = (index, candidatePotential)
                    swap(&best, &candidate)
                }
            }
            swap(&closest, &best)
            potential = bestPotential
            centres += point(bestIndex)
        }
        return centres
    }

    /// Runs Lloyd's algorithm from `centres` and returns each row's final cluster.
    func cluster(from initial: [Double], components k: Int) -> [Int] {
        let tolerance = Self.relativeTolerance * meanVariance()
        let labels = SharedBuffer<Int32>(count: data.rows, repeating: -1)
        var centres = initial
        for iteration in 0..<Self.maxIterations {
            let step = LloydStep(data: data, centres: centres, components: k, threads: threads, labels: labels)
            let updated = step.updatedCentres(emptyClusterPoint: point(step.farthestRow))
            let shift = zip(updated, centres).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            centres = updated
            // Labels as the previous step left them: converged (scikit-learn's strict convergence).
            if step.changed == 0 && iteration > 0 { return labels.array.map(Int.init) }
            if shift <= tolerance { break }
        }
        return nearest(centres, components: k)
    }

    /// Each row's nearest centre.
    func nearest(_ centres: [Double], components k: Int) -> [Int] {
        let labels = SharedBuffer<Int32>(count: data.rows, repeating: -1)
        _ = LloydStep(data: data, centres: centres, components: k, threads: threads, labels: labels)
        return labels.array.map(Int.init)
    }

    /// Row `i` as a point.
    func point(_ i: Int) -> [Double] {
        (0..<data.columns).map { value(row: i, column: $0) }
    }

    private func value(row i: Int, column j: Int) -> Double {
        data.storage[j * data.blockCount + i / Lanes.scalarCount][i % Lanes.scalarCount]
    }

    /// For every row, the smaller of `closest` and its squared Euclidean distance to `centre`,
    /// into `result`; returns their sum (the k-means potential with `centre` added).
    func nearerDistances(to centre: [Double], than closest: [Double], into result: inout [Double]) -> Double {
        let width = Lanes.scalarCount, blocksPerChunk = StatisticsPass.blocksPerChunk
        let chunks = (data.blockCount + blocksPerChunk - 1) / blocksPerChunk
        let sums = SharedBuffer<Double>(count: chunks)
        let data = self.data
        closest.withUnsafeBufferPointer { closest in
            result.withUnsafeMutableBufferPointer { result in
                let previous = ReadOnlyPointer(base: closest.baseAddress!), target = DisjointWrites(base: result.baseAddress!)
                Parallelism.forEachChunk(chunks, threads: threads) { chunk in
                    var sum = 0.0
                    for b in (chunk * blocksPerChunk)..<min((chunk + 1) * blocksPerChunk, data.blockCount) {
                        var total = Lanes()
                        for j in 0..<data.columns {
                            let delta = data.storage[j * data.blockCount + b] - Lanes(repeating: centre[j])
                            total = total.plus(delta, times: delta)
                        }
                        for lane in 0..<min(width, data.rows - b * width) {
                            let row = b * width + lane
                            let nearer = min(previous.base[row], total[lane])
                            target.base[row] = nearer
                            sum += nearer
                        }
                    }
                    sums.pointer[chunk] = sum
                }
            }
        }
        return sums.array.reduce(0, +)
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
