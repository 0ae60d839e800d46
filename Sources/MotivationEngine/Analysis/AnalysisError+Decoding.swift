import Foundation

extension AnalysisError {
    /// The `invalidField` error that names what a `DecodingError` found wrong: its field's path
    /// and the problem in words.
    public init(_ error: DecodingError) {
        self = Self.fieldError(error)
    }

    private static func fieldError(_ error: DecodingError) -> AnalysisError {
        switch error {
        case .keyNotFound(let key, _):
            return .invalidField(name: key.stringValue, problem: "is required")
        case .valueNotFound(_, let context):
            return .invalidField(name: name(context), problem: "is required and cannot be null")
        case .typeMismatch(let type, let context):
            return .invalidField(name: name(context), problem: "must be \(describe(type))")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return .invalidField(
                    name: "input",
                    problem: "is not valid JSON (a syntax error, invalid UTF-8, or nesting deeper than 512 levels)")
            }
            return .invalidField(name: name(context), problem: context.debugDescription)
        @unknown default:
            return .invalidField(name: "input", problem: "\(error)")
        }
    }

    /// The field's path, `recent_scores[2]` or `experiments[0].arms[1].share`; leading array
    /// positions (a batch item's) are left out, as the batch answer is in input order.
    private static func name(_ context: DecodingError.Context) -> String {
        var name = ""
        for key in context.codingPath.drop(while: { $0.intValue != nil }) {
            if let index = key.intValue {
                name += "[\(index)]"
            } else {
                name += (name.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return name.isEmpty ? "input" : name
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Int.Type: return "a number"
        case is String.Type: return "a string"
        case is [Double].Type, is [Any].Type: return "an array of numbers"
        default: return "a JSON object"
        }
    }
}
