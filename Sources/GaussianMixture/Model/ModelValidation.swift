/// Consistency checks for model parameters, each failing with a message naming the part at fault.
enum ModelValidation {
    static func check(weights: [Double], means: [[Double]], covariances: Covariances) throws {
        let k = weights.count
        guard k >= 1 else { throw GaussianMixtureError.invalidModel("a model needs at least one component") }
        guard means.count == k else {
            throw GaussianMixtureError.invalidModel("\(k) weights but \(means.count) means")
        }
        let d = means[0].count
        guard d >= 1 else { throw GaussianMixtureError.invalidModel("means have no features") }
        for (c, weight) in weights.enumerated() where !(weight > 0 && weight.isFinite) {
            throw GaussianMixtureError.invalidModel("weight \(c) is \(weight); weights must be positive and finite")
        }
        let total = weights.reduce(0, +)
        guard abs(total - 1) <= 1e-6 else {
            throw GaussianMixtureError.invalidModel("weights sum to \(total), not 1")
        }
        for (c, mean) in means.enumerated() {
            guard mean.count == d else {
                throw GaussianMixtureError.invalidModel("mean \(c) has \(mean.count) values, mean 0 has \(d)")
            }
            if let j = mean.firstIndex(where: { !$0.isFinite }) {
                throw GaussianMixtureError.invalidModel("mean \(c), feature \(j) is \(mean[j])")
            }
        }
        try checkShape(of: covariances, components: k, dimensions: d)
    }

    private static func checkShape(of covariances: Covariances, components k: Int, dimensions d: Int) throws {
        switch covariances {
        case .full(let matrices):
            guard matrices.count == k else {
                throw GaussianMixtureError.invalidModel("\(k) components but \(matrices.count) covariance matrices")
            }
            for (c, matrix) in matrices.enumerated() { try checkSquare(matrix, d, "covariance \(c)") }
        case .tied(let matrix):
            try checkSquare(matrix, d, "tied covariance")
        case .diagonal(let variances):
            guard variances.count == k, variances.allSatisfy({ $0.count == d }) else {
                throw GaussianMixtureError.invalidModel("diagonal covariances must be \(k) × \(d)")
            }
            for (c, row) in variances.enumerated() { try checkVariances(row, "covariance \(c)") }
        case .spherical(let variances):
            guard variances.count == k else {
                throw GaussianMixtureError.invalidModel("\(k) components but \(variances.count) spherical variances")
            }
            try checkVariances(variances, "spherical variances")
        }
    }

    private static func checkSquare(_ matrix: [[Double]], _ d: Int, _ name: String) throws {
        guard matrix.count == d, matrix.allSatisfy({ $0.count == d }) else {
            throw GaussianMixtureError.invalidModel("\(name) must be \(d) × \(d)")
        }
        for i in 0..<d {
            if let j = matrix[i].firstIndex(where: { !$0.isFinite }) {
                throw GaussianMixtureError.invalidModel("\(name)[\(i)][\(j)] is \(matrix[i][j])")
            }
        }
        for i in 0..<d {
            for j in 0..<i {
                // Relative to the variances, so rounding noise in a near-zero covariance passes.
                let scale = (abs(matrix[i][i]) * abs(matrix[j][j])).squareRoot()
                guard abs(matrix[i][j] - matrix[j][i]) <= 1e-9 * scale else {
                    throw GaussianMixtureError.invalidModel("\(name) is not symmetric at [\(i)][\(j)]")
                }
            }
        }
    }

    private static func checkVariances(_ values: [Double], _ name: String) throws {
        if let j = values.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw GaussianMixtureError.invalidModel("\(name): variance \(j) is \(values[j]); variances must be positive")
        }
    }
}
