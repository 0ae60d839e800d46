/// One assignment step of Lloyd's algorithm: every row's nearest centre, and per cluster
/// the count and coordinate sums of its rows. Runs in parallel chunks whose partial sums
/// are added in chunk order.
struct LloydStep {
    /// Each row's nearest centre.
    let labels: [Int]
    /// Rows per cluster.
    let counts: [Double]
    /// Coordinate sums per cluster, `k × d` row-major.
    let sums: [Double]
    /// The row farthest from its nearest centre (where an empty cluster is moved to).
    let farthestRow: Int

    init(data: ColumnBlocks, centres: [Double], components k: Int, threads: Int) {
        let d = data.columns, width = Lanes.scalarCount
        let chunkBlocks = StatisticsPass.blocksPerChunk
        let chunks = (data.blockCount + chunkBlocks - 1) / chunkBlocks
        let slotSize = k + k * d + 2
        let slots = SharedBuffer<Double>(count: chunks * slotSize)
        let labelBuffer = SharedBuffer<Int>(count: data.rows, repeating: 0)
        Parallelism.forEachChunk(chunks, threads: threads) { chunk in
            // Per-lane accumulators: counts (k), sums (k × d), farthest distance and its row.
            let lanes = UnsafeMutablePointer<Lanes>.allocate(capacity: k + k * d)
            lanes.initialize(repeating: Lanes(), count: k + k * d)
            defer { lanes.deallocate() }
            let x = UnsafeMutablePointer<Lanes>.allocate(capacity: d)
            defer { x.deallocate() }
            var farthest = Lanes(repeating: -1), farthestRow = Lanes()
            for b in (chunk * chunkBlocks)..<min((chunk + 1) * chunkBlocks, data.blockCount) {
                for j in 0..<d { x[j] = data.storage[j &* data.blockCount &+ b] }
                var best = Lanes(repeating: .infinity)
                var bestIndex = Lanes()
                for c in 0..<k {
                    var distance = Lanes()
                    for j in 0..<d {
                        let delta = x[j] - Lanes(repeating: centres[c &* d &+ j])
                        distance = distance.plus(delta, times: delta)
                    }
                    let closer = distance .< best
                    best.replace(with: distance, where: closer)
                    bestIndex.replace(with: Double(c), where: closer)
                }
                let valid = data.validLanes(b)
                for c in 0..<k {
                    let member = (bestIndex .== Double(c)) .& (valid .== 1)
                    lanes[c] += Lanes().replacing(with: 1, where: member)
                    for j in 0..<d { lanes[k &+ c &* d &+ j] += Lanes().replacing(with: x[j], where: member) }
                }
                let fartherValid = (best .> farthest) .& (valid .== 1)
                farthest.replace(with: best, where: fartherValid)
                farthestRow.replace(with: Lanes(0, 1, 2, 3) + Double(b * width), where: fartherValid)
                for lane in 0..<min(width, data.rows - b * width) {
                    labelBuffer.pointer[b * width + lane] = Int(bestIndex[lane])
                }
            }
            let slot = slots.pointer + chunk * slotSize
            for i in 0..<(k + k * d) { slot[i] = lanes[i].sum() }
            slot[slotSize - 2] = -1
            for lane in 0..<width where farthest[lane] > slot[slotSize - 2] {
                slot[slotSize - 2] = farthest[lane]
                slot[slotSize - 1] = farthestRow[lane]
            }
        }
        var counts = [Double](repeating: 0, count: k)
        var sums = [Double](repeating: 0, count: k * d)
        var farthest = (distance: -1.0, row: 0)
        for chunk in 0..<chunks {
            let slot = slots.pointer + chunk * slotSize
            for c in 0..<k { counts[c] += slot[c] }
            for i in 0..<(k * d) { sums[i] += slot[k + i] }
            if slot[slotSize - 2] > farthest.distance { farthest = (slot[slotSize - 2], Int(slot[slotSize - 1])) }
        }
        self.labels = labelBuffer.array
        self.counts = counts
        self.sums = sums
        self.farthestRow = farthest.row
    }

    /// The cluster means; an empty cluster is moved onto the row farthest from its centre
    /// (`point` gives a row's coordinates).
    func updatedCentres(emptyClusterPoint point: [Double]) -> [Double] {
        let k = counts.count, d = sums.count / max(1, counts.count)
        var centres = [Double](repeating: 0, count: k * d)
        for c in 0..<k {
            for j in 0..<d { centres[c * d + j] = counts[c] > 0 ? sums[c * d + j] / counts[c] : point[j] }
        }
        return centres
    }
}
