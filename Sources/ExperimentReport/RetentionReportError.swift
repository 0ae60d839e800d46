import MotivationEngine
/// Why a retention report cannot be built.
public struct RetentionReportError: Error, CustomStringConvertible, Equatable {
    /// The problem, naming the setting.
    public var problem: String

    public var description: String { "invalid report settings: \(problem)" }
}
