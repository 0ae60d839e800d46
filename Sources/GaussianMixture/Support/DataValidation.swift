/// Checks on data before it reaches the numerics.
enum DataValidation {
    /// Training data: at least one column, at least `components` rows, every value finite.
    static func checkTrainingData(_ data: Matrix, components: Int) throws {
        guard data.columns >= 1 else { throw GaussianMixtureError.invalidShape("the data has no columns") }
        guard data.rows >= components else {
            throw GaussianMixtureError.invalidShape(
                "\(data.rows) rows cannot fit \(components) components: need at least as many rows as components")
        }
        if let index = data.values.firstIndex(where: { !$0.isFinite }) {
            let value = data.values[index]
            throw GaussianMixtureError.invalidValue(
                row: index / data.columns, column: index % data.columns,
                message: "\(value) cannot be fitted; remove or impute rows with missing or infinite values")
        }
    }

    /// Checks data to score against a model with `dimensions` features (the right width, no
    /// infinite value, no row with every value missing; `NaN` marks a missing value) and
    /// returns the rows with missing values, grouped by the features they do have.
    static func checkScoringData(_ data: Matrix, dimensions: Int) throws -> [[Int]: [Int]] {
        guard data.columns == dimensions else {
            throw GaussianMixtureError.invalidShape("the model has \(dimensions) features, the data \(data.columns) columns")
        }
        return try data.values.withUnsafeBufferPointer { values in
            var incomplete: [[Int]: [Int]] = [:]
            for row in 0..<data.rows {
                let start = row * dimensions
                var missing = 0
                for j in 0..<dimensions {
                    let value = values[start + j]
                    if value.isNaN {
                        missing += 1
                    } else if value.isInfinite {
                        throw GaussianMixtureError.invalidValue(row: row, column: j, message: "\(value) is not a finite number")
                    }
                }
                if missing == dimensions {
                    throw GaussianMixtureError.invalidValue(row: row, column: 0, message: "every feature of the row is missing")
                }
                if missing > 0 {
                    incomplete[(0..<dimensions).filter { !values[start + $0].isNaN }, default: []].append(row)
                }
            }
            return incomplete
        }
    }
}
