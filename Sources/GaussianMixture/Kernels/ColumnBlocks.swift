/// Rows of a `Matrix` copied into column-major SIMD blocks: column `j`, block `b` holds rows
/// `b·L ..< (b+1)·L` of that column (`L = Lanes.scalarCount`), zero-padded past the last row.
///
/// This is the layout the kernels stream through: one aligned vector load per feature per block.
final class ColumnBlocks: @unchecked Sendable {
    /// Number of real rows.
    let rows: Int
    /// Number of features.
    let columns: Int
    /// Number of blocks per column (`rows` rounded up to whole blocks).
    let blockCount: Int
    /// `columns × blockCount` blocks; immutable after `init`.
    let storage: UnsafeMutablePointer<Lanes>

    /// Copies `range` of the rows of `matrix`.
    init(_ matrix: Matrix, rows range: Range<Int>) {
        let width = Lanes.scalarCount
        rows = range.count
        columns = matrix.columns
        blockCount = (range.count + width - 1) / width
        storage = .allocate(capacity: max(1, columns * blockCount))
        let d = columns, stride = blockCount * width, count = range.count, first = range.lowerBound
        let rowsPerChunk = 1 << 15
        let chunks = (count + rowsPerChunk - 1) / rowsPerChunk
        storage.withMemoryRebound(to: Double.self, capacity: max(1, d * stride)) { doubles in
            for j in 0..<d {  // zero the padding of each column's last block
                for r in count..<stride { doubles[j * stride + r] = 0 }
            }
            let target = DisjointWrites(base: doubles)
            matrix.values.withUnsafeBufferPointer { values in
                guard let base = values.baseAddress else { return }  // no values: nothing to copy
                let source = ReadOnlyPointer(base: base)
                Parallelism.forEachChunk(chunks, threads: count >= 1 << 17 ? Parallelism.defaultThreads : 1) { chunk in
                    for r in (chunk * rowsPerChunk)..<min((chunk + 1) * rowsPerChunk, count) {
                        let row = (first + r) * d
                        for j in 0..<d { target.base[j * stride + r] = source.base[row + j] }
                    }
                }
            }
        }
    }

    /// Copies every row of `matrix`.
    convenience init(_ matrix: Matrix) {
        self.init(matrix, rows: 0..<matrix.rows)
    }

    deinit {
        storage.deallocate()
    }

    /// 1 for the lanes of block `b` that hold real rows, 0 for padding.
    @inline(__always)
    func validLanes(_ b: Int) -> Lanes {
        let remaining = rows - b * Lanes.scalarCount
        if remaining >= Lanes.scalarCount { return Lanes(repeating: 1) }
        var mask = Lanes()
        for lane in 0..<remaining { mask[lane] = 1 }
        return mask
    }
}
