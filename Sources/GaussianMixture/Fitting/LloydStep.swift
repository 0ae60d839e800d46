/// One assignment step of Lloyd's algorithm: every row's nearest centre (written over the
/// previous step's labels, counting the rows that moved), and per cluster the count and
/// coordinate sums of its rows. Runs in parallel chunks whose partial sums are added in
/// chunk order.
struct LloydStep {
    /// Rows whose nearest centre differs from the label they had.
    let changed: Int
    /// Rows per cluster.
    let counts: [Double]
    /// Coordinate sums per cluster, `k × d` row-major.
    let sums: [Double]
    /// The row farthest from its nearest centre (where an empty cluster is moved to).
    let farthestRow: Int

    /// - Parameter labels: each row's label, updated in place (start with -1 for "none").
    init(data: ColumnBlocks, centres: [Double], components k: Int, threads: Int, labels: SharedBuffer<Int32>) {
        let d = data.columns
        let chunkBlocks = StatisticsPass.blocksPerChunk
        let chunks = (data.blockCount + chunkBlocks - 1) / chunkBlocks
        let slotSize = k + k * d + 3
        let slots = SharedBuffer<Double>(count: chunks * slotSize)
        let assign = withFeatureCount(
            d, ChunkAssignment(data: data, centres: centres, components: k, labels: labels, slots: slots, slotSize: slotSize))
        Parallelism.forEachChunk(chunks, threads: threads, assign)
        var counts = [Double](repeating: 0, count: k)
        var sums = [Double](repeating: 0, count: k * d)
        var farthest = (distance: -1.0, row: 0)
        var changed = 0
        for chunk in 0..<chunks {
            let slot = slots.pointer + chunk * slotSize
            changed += Int(slot[slotSize - 3])
            for c in 0..<k { counts[c] += slot[c] }
            for i in 0..<(k * d) { sums[i] += slot[k + i] }
            if slot[slotSize - 2] > farthest.distance { farthest = (slot[slotSize - 2], Int(slot[slotSize - 1])) }
        }
        self.changed = changed
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

/// The assignment of one chunk of rows, specialised for the feature count.
private struct ChunkAssignment: FeatureCountGeneric {
    let data: ColumnBlocks
    let centres: [Double]
    let components: Int
    let labels: SharedBuffer<Int32>
    let slots: SharedBuffer<Double>
    let slotSize: Int

    func run<Features: FeatureCount>(_ features: Features.Type) -> @Sendable (Int) -> Void {
        let (data, centres, k, labels, slots, slotSize) = (data, centres, components, labels, slots, slotSize)
        return { chunk in
            let d = Features.count(data.columns), width = Lanes.scalarCount
            let chunkBlocks = StatisticsPass.blocksPerChunk
            // Counts (k) and coordinate sums (k × d) of the chunk's rows per cluster, and the
            // centres as broadcast vectors.
            let totals = UnsafeMutablePointer<Double>.allocate(capacity: k + k * d)
            totals.initialize(repeating: 0, count: k + k * d)
            defer { totals.deallocate() }
            let centre = UnsafeMutablePointer<Lanes>.allocate(capacity: k * d)
            for i in 0..<(k * d) { centre[i] = Lanes(repeating: centres[i]) }
            defer { centre.deallocate() }
            let x = UnsafeMutablePointer<Lanes>.allocate(capacity: d)
            defer { x.deallocate() }
            var farthest = Lanes(repeating: -1), farthestRow = Lanes()
            var changed = 0
            for b in (chunk * chunkBlocks)..<min((chunk + 1) * chunkBlocks, data.blockCount) {
                for j in 0..<d { x[j] = data.storage[j &* data.blockCount &+ b] }
                var best = Lanes(repeating: .infinity)
                var bestIndex = Lanes.MaskStorage()
                for c in 0..<k {
                    var distance = Lanes()
                    for j in 0..<d {
                        let delta = x[j] - centre[c &* d &+ j]
                        distance = distance.plus(delta, times: delta)
                    }
                    let closer = distance .< best
                    best.replace(with: distance, where: closer)
                    bestIndex.replace(with: Int64(c), where: closer)
                }
                let valid = data.validLanes(b)
                let fartherValid = (best .> farthest) .& (valid .== 1)
                farthest.replace(with: best, where: fartherValid)
                farthestRow.replace(with: Lanes(0, 1, 2, 3) + Double(b * width), where: fartherValid)
                for lane in 0..<min(width, data.rows - b * width) {
                    let cluster = Int(truncatingIfNeeded: bestIndex[lane]), label = Int32(truncatingIfNeeded: cluster)
                    totals[cluster] += 1
                    for j in 0..<d { totals[k &+ cluster &* d &+ j] += x[j][lane] }
                    if labels.pointer[b &* width &+ lane] != label {
                        labels.pointer[b &* width &+ lane] = label
                        changed &+= 1
                    }
                }
            }
            let slot = slots.pointer + chunk * slotSize
            for i in 0..<(k + k * d) { slot[i] = totals[i] }
            slot[slotSize - 3] = Double(changed)
            slot[slotSize - 2] = -1
            for lane in 0..<width where farthest[lane] > slot[slotSize - 2] {
                slot[slotSize - 2] = farthest[lane]
                slot[slotSize - 1] = farthestRow[lane]
            }
        }
    }
}
