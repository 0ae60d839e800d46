import MotivationEngine

/// Why a retention report cannot be built.
public struct RetentionReportError: Error, CustomStringConvertible, Equatable {
    /// The problem, naming the setting.
    public var problem: String

    /// The problem in words, naming the setting.
    public var description: String { "invalid report settings: \(problem)" }
}
