import Foundation
import Testing

@testable import sphery_engine

@Suite("sphery-engine mixture")
struct MixtureCommandTests {
    /// Writes `text` to a fresh temporary CSV file and returns its path.
    static func csvFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mixture-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let twoGroups: String = {
        var lines = ["id,a,b,note"]
        for i in 0..<40 {
            let centre = i % 2 == 0 ? 0.0 : 20.0
            lines.append("\(i),\(centre + Double(i % 7) * 0.3),\(centre - Double(i % 5) * 0.2),x")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    func summary(_ arguments: [String]) async throws -> MixtureSummary {
        try await MixtureCommand.parse(arguments).summary()
    }

    @Test func fitsAndReportsEverything() async throws {
        let path = try Self.csvFile(Self.twoGroups)
        let result = try await summary(["--csv", path, "--columns", "a,b", "--components", "2", "--labels", "--n-init", "2"])
        #expect(result.rows == 40)
        #expect(result.fit.converged)
        #expect(result.labels?.count == 40)
        let labels = try #require(result.labels)
        #expect(labels[0] != labels[1] && labels[0] == labels[2])
        let json = try JSONSerialization.jsonObject(with: Data(result.json().utf8)) as? [String: Any]
        for key in [
            "mean_log_likelihood", "lower_bound", "bic", "aic", "converged", "iterations", "fit_seconds",
            "weights", "means", "covariances", "covariance_type", "labels",
        ] {
            #expect(json?[key] != nil, "missing \(key)")
        }
    }

    @Test func standardizeReportsTheScaling() async throws {
        let path = try Self.csvFile(Self.twoGroups)
        let result = try await summary(["--csv", path, "--columns", "a,b", "--components", "2", "--standardize"])
        let scaling = try #require(result.standardization)
        #expect(abs(scaling.mean[0] - 10.8625) < 1e-12)  // the plain mean of column a
        #expect(result.fit.model.means.allSatisfy { abs($0[0]) < 1.5 })
    }

    @Test(arguments: [
        ("id,a,b\n1,2,3\n2,x,4\n", "line 3, column 'a': 'x' is not a finite number"),
        ("id,a,b\n1,2,3\n2,,4\n", "line 3, column 'a': an empty value is not a finite number"),
        ("id,a,b\n1,2,3\n2,inf,4\n", "line 3, column 'a': 'inf' is not a finite number"),
        ("id,a\n1,2\n", "the header lacks the required column 'b'; it has 'id', 'a'"),
    ])
    func badFilesNameLineAndColumn(_ text: String, _ message: String) async throws {
        let path = try Self.csvFile(text)
        let error = await #expect(throws: FileError.self) {
            try await summary(["--csv", path, "--columns", "a,b", "--components", "1"])
        }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test func missingFileAndBadOptions() async throws {
        await #expect(throws: FileError.self) {
            try await summary(["--csv", "/nonexistent/players.csv", "--columns", "a", "--components", "1"])
        }
        #expect(throws: (any Error).self) { try MixtureCommand.parse(["--csv", "x.csv", "--columns", "a"]) }
        #expect(throws: (any Error).self) {
            try MixtureCommand.parse(["--csv", "x.csv", "--columns", "a", "--components", "2", "--covariance", "banana"])
        }
        let path = try Self.csvFile(Self.twoGroups)
        await #expect(throws: (any Error).self) { try await summary(["--csv", path, "--columns", "a,,b", "--components", "1"]) }
    }
}
