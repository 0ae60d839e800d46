import Foundation

/// The configured experiments (`--experiments FILE`) and the choice of the one a player is in.
public struct ExperimentPlan: Codable, Sendable, Equatable {
    /// The configured experiments.
    public var experiments: [Experiment]

    /// A plan of `experiments`.
    public init(experiments: [Experiment]) {
        self.experiments = experiments
    }

    /// A player's place in an experiment: which one, and which arm.
    public struct Assignment: Sendable, Equatable {
        /// The experiment's name.
        public var experiment: String
        /// The arm the player is in.
        public var arm: ExperimentArm
    }

    /// The running experiment at `date` (the latest started when several overlap) and
    /// `userId`'s arm in it; nil when none runs.
    public func assignment(for userId: String, at date: Date) -> Assignment? {
        guard let experiment = experiments.lazy.filter({ $0.isRunning(at: date) }).max(by: { $0.start < $1.start }) else {
            return nil
        }
        return Assignment(experiment: experiment.name, arm: experiment.arm(for: userId))
    }

    /// The experiment named `name`.
    public func experiment(named name: String) -> Experiment? {
        experiments.first { $0.name == name }
    }

    /// Reads and checks a configuration file.
    /// - Throws: `ExperimentPlanError` naming the file and the problem.
    public static func load(from url: URL) throws -> ExperimentPlan {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ExperimentPlanError(file: url.path, problem: "cannot be read (\(error.localizedDescription))")
        }
        return try decode(data, file: url.path)
    }

    /// Decodes and checks a configuration; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws -> ExperimentPlan {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription: "must be \(dateFormat), got \"\(text)\""))
            }
            return date
        }
        let plan: ExperimentPlan
        do {
            plan = try decoder.decode(ExperimentPlan.self, from: data)
        } catch let error as DecodingError {
            throw ExperimentPlanError(file: file, problem: AnalysisError(error).description)
        }
        if let problem = plan.experiments.lazy.compactMap(\.problem).first {
            throw ExperimentPlanError(file: file, problem: problem)
        }
        if Set(plan.experiments.map(\.name)).count != plan.experiments.count {
            throw ExperimentPlanError(file: file, problem: "experiments: names must be unique")
        }
        return plan
    }
}

/// A configuration file of experiments that cannot be used.
public struct ExperimentPlanError: Error, CustomStringConvertible, Equatable {
    /// The experiments file.
    public var file: String
    /// What is wrong with it, naming the field.
    public var problem: String

    /// `experiments.json: experiments[0].arms: …`.
    public var description: String { "\(file): \(problem)" }
}
