import Foundation

@testable import GaussianMixture

/// Small deterministic data sets for the tests.
enum TestData {
    /// A standard normal draw (Box–Muller) from `generator`.
    static func normal(_ generator: inout SeededGenerator) -> Double {
        let u = max(generator.nextUnit(), 1e-300), v = generator.nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// `rows` points around `centres` (chosen in turn), each coordinate with standard deviation `spread`.
    static func blobs(rows: Int, centres: [[Double]], spread: Double, seed: UInt64) -> (Matrix, [Int]) {
        var generator = SeededGenerator(seed: seed)
        var values: [Double] = []
        var labels: [Int] = []
        for row in 0..<rows {
            let c = row % centres.count
            labels.append(c)
            for centre in centres[c] { values.append(centre + spread * normal(&generator)) }
        }
        return (try! Matrix(rows: rows, columns: centres[0].count, values: values), labels)
    }

    /// Three well-separated 2-D blobs.
    static func threeBlobs(rows: Int = 600, seed: UInt64 = 1) -> (Matrix, [Int]) {
        blobs(rows: rows, centres: [[0, 0], [10, 0], [0, 10]], spread: 1, seed: seed)
    }
}
