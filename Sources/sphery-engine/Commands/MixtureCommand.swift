import ArgumentParser
import Foundation
import GaussianMixture
import MotivationEngine

/// `sphery-engine mixture`: the bare Gaussian mixture on any numeric columns of a CSV file.
struct MixtureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mixture",
        abstract: "Fit a Gaussian mixture to numeric columns of a CSV file and print a JSON summary.",
        discussion: """
            The columns are used as they are (no scaling unless --standardize). The JSON has \
            mean_log_likelihood (of the final model on the data), lower_bound, bic, aic, converged, \
            iterations, fit_seconds (the fit alone, not the file reading), weights, means and \
            covariances (scikit-learn's shapes), and with --labels one component index per row.
            """)

    @Option(help: "The CSV file; its first line names the columns.")
    var csv: String

    @Option(help: "Comma-separated names of the numeric columns to fit.")
    var columns: String

    @Option(help: "Number of mixture components (at least 1).")
    var components: Int

    @Option(help: "Covariance type: full, diagonal, spherical or tied.")
    var covariance: CovarianceType = .full

    @Option(name: .customLong("n-init"), help: "Initialisations to run; the best lower bound is kept.")
    var nInit: Int = 1

    @Option(help: "Initialisation: kmeans (k-means++ seeded k-means), kmeans++ or random.")
    var initialization: InitializationOption = .kmeans

    @Option(help: "Seed of the random number generator (same seed, same model).")
    var seed: UInt64 = 0

    @Option(help: "Convergence threshold on the change of the mean log-likelihood lower bound.")
    var tol: Double = 1e-3

    @Option(name: .customLong("max-iter"), help: "EM iterations per initialisation.")
    var maxIter: Int = 100

    @Option(name: .customLong("reg-covar"), help: "Added to the diagonal of every covariance.")
    var regCovar: Double = 1e-6

    @Option(help: "Threads for the passes over the data (default: one per processor).")
    var threads: Int?

    @Flag(help: "Standardise every column (z-scores) before fitting; the output is in standard units.")
    var standardize = false

    @Flag(help: "Include the most probable component of every row.")
    var labels = false

    @Flag(help: "Print one line per EM iteration to standard error.")
    var progress = false

    func run() async throws {
        print(try await summary().json())
    }

    /// Reads the file, fits, and summarises (everything `run` does but printing).
    func summary() async throws -> MixtureSummary {
        let names = columns.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
            throw ValidationError("--columns must name at least one column, separated by commas")
        }
        let raw = try await NumericCSV.read(path: csv, columns: names)
        let standardization = standardize ? Standardizer(fitting: raw.rowArrays) : nil
        let data = try standardization.map { try Matrix(raw.rowArrays.map($0.scale)) } ?? raw

        var mixture = GaussianMixture(components: components, covarianceType: covariance)
        mixture.restarts = nInit
        mixture.initialization = initialization.value
        mixture.seed = seed
        mixture.tolerance = tol
        mixture.maxIterations = maxIter
        mixture.regularization = regCovar
        mixture.threads = threads

        var observer: ((IterationReport) -> Void)? = nil
        if progress { observer = { iteration in Self.report(iteration) } }
        let clock = ContinuousClock()
        let start = clock.now
        let fit = try mixture.fit(data, progress: observer)
        let elapsed = clock.now - start
        if !fit.converged {
            FileHandle.standardError.write(
                Data("warning: did not converge in \(maxIter) iterations; try a larger --max-iter or --tol\n".utf8))
        }
        return MixtureSummary(
            columns: names, rows: data.rows, fit: fit,
            meanLogLikelihood: try fit.model.score(data), bic: try fit.model.bic(data), aic: try fit.model.aic(data),
            fitSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
            standardization: standardization, labels: labels ? try fit.model.predict(data) : nil)
    }

    private static func report(_ iteration: IterationReport) {
        let line =
            "restart \(iteration.restart) iteration \(iteration.iteration): "
            + "lower bound \(iteration.lowerBound), change \(iteration.change)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// The `--initialization` choices.
enum InitializationOption: String, ExpressibleByArgument, CaseIterable {
    case kmeans
    case kmeansPlusPlus = "kmeans++"
    case random

    var value: Initialization {
        switch self {
        case .kmeans: return .kMeans
        case .kmeansPlusPlus: return .kMeansPlusPlus
        case .random: return .random
        }
    }
}

extension CovarianceType: ExpressibleByArgument {}
