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

    /// Data to score against a model with `dimensions` features: the right width, no
    /// infinite values (NaN marks a missing value), and no row with every value missing.
    static func checkScoringData(_ data: Matrix, dimensions: Int) throws {
        guard data.columns == dimensions else {
            throw GaussianMixtureError.invalidShape("the model has \(dimensions) features, the data \(data.columns) columns")
        }
        for row in 0..<data.rows {
            var present = 0
            for column in 0..<dimensions {
                let value = data[row, column]
                if value.isInfinite {
                    throw GaussianMixtureError.invalidValue(row: row, column: column, message: "\(value) is not a finite number")
                }
                if !value.isNaN { present += 1 }
            }
            if present == 0 {
                throw GaussianMixtureError.invalidValue(row: row, column: 0, message: "every feature of the row is missing")
            }
        }
    }
}
