import MotivationEngine

/// An error as the wire carries it: `{"code": "…", "message": "…"}`, inside
/// `{"error": {…}}` as an answer of its own, or as a batch item's `error`.
public struct ErrorBody: JSONWritable, Sendable, Equatable {
    /// A stable, machine-readable code, e.g. `invalid_field`.
    public var code: String
    /// What went wrong, in words, naming the field or resource.
    public var message: String

    /// An error with `code` and `message`.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The code and message of a player that cannot be analysed.
    public init(_ error: AnalysisError) {
        switch error {
        case .invalidField(let name, let problem): self.init(code: "invalid_field", message: "\(name): \(problem)")
        case .unknownSegment: self.init(code: "unknown_segment", message: error.description)
        case .ambiguousSegment: self.init(code: "ambiguous_segment", message: error.description)
        }
    }

    /// The keys of an error answer and of its body.
    public enum Key: WireKey {
        case error, code, message

        /// The key as JSON spells it.
        public var name: StaticString {
            switch self {
            case .error: "error"
            case .code: "code"
            case .message: "message"
            }
        }
    }

    /// A short message and its code.
    public var typicalSize: Int { 128 }

    /// Writes `{"code": …, "message": …}`.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key(Key.code); writer.value(code)
        writer.key(Key.message); writer.value(message)
        writer.endObject()
    }

    /// The answer `{"error": {"code": …, "message": …}}`.
    public var answer: ErrorAnswer { ErrorAnswer(error: self) }
}

/// An error answer: `{"error": {"code": "…", "message": "…"}}`.
public struct ErrorAnswer: JSONWritable, Sendable {
    /// The error.
    public var error: ErrorBody

    /// A short message and its code.
    public var typicalSize: Int { 160 }

    /// Writes `{"error": {…}}`.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key(ErrorBody.Key.error); error.write(to: &writer)
        writer.endObject()
    }
}
