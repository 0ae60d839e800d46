/// A dense matrix of `Double` stored row by row: one row per sample, one column per feature.
///
/// `Matrix` is the currency of the library: training data, data to score, and the
/// per-component outputs of scoring (probabilities) are all matrices. It is a plain value
/// with no validation of its own; `GaussianMixture.fit(_:)` and the scoring methods check
/// the values they need to.
public struct Matrix: Sendable, Equatable {
    /// The number of rows (samples).
    public let rows: Int
    /// The number of columns (features).
    public let columns: Int
    /// The values, row-major: element `(r, c)` is at `r * columns + c`.
    public private(set) var values: [Double]

    /// Creates a matrix from row-major values.
    /// - Parameters:
    ///   - rows: Number of rows.
    ///   - columns: Number of columns.
    ///   - values: `rows * columns` values, row after row.
    /// - Throws: `GaussianMixtureError.invalidShape` when the count does not match.
    public init(rows: Int, columns: Int, values: [Double]) throws {
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw GaussianMixtureError.invalidShape(
                "expected \(rows) × \(columns) = \(rows * columns) values, got \(values.count)")
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Creates a matrix of the given shape filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "a matrix shape cannot be negative")
        self.rows = rows
        self.columns = columns
        self.values = Array(repeating: value, count: rows * columns)
    }

    /// Creates a matrix from an array of rows, which must all have the same length.
    /// - Throws: `GaussianMixtureError.invalidShape` naming the first row whose length differs.
    public init(_ rowArrays: [[Double]]) throws {
        let width = rowArrays.first?.count ?? 0
        var flat: [Double] = []
        flat.reserveCapacity(rowArrays.count * width)
        for (index, row) in rowArrays.enumerated() {
            guard row.count == width else {
                throw GaussianMixtureError.invalidShape(
                    "row \(index) has \(row.count) values but row 0 has \(width)")
            }
            flat.append(contentsOf: row)
        }
        self.rows = rowArrays.count
        self.columns = width
        self.values = flat
    }

    /// The element at `row`, `column`.
    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// One row as an array.
    public func row(_ index: Int) -> [Double] {
        Array(values[index * columns..<(index + 1) * columns])
    }

    /// All rows as arrays (allocates one array per row; meant for small matrices).
    public var rowArrays: [[Double]] {
        (0..<rows).map(row)
    }
}
