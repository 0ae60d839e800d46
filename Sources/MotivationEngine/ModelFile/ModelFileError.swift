/// A model file that cannot be used, naming the file and the problem.
public struct ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's path.
    public let file: String
    /// What is wrong with it.
    public let problem: String

    /// An error in `file`, described by `problem`.
    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    /// `DualFlow_-1_10.json: "age_curve.l" must be finite …`.
    public var description: String { "\(file): \(problem)" }
}
