import MotivationEngine

/// A CSV input that cannot be read, located at a 1-based line of the file.
///
/// The message is written for the person who supplied the file: it says what was found, in
/// which field, and what was expected.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// A `"` inside a field that did not start with a quote (`ab"c`).
        case quoteInUnquotedField
        /// Something other than a comma or a line ending right after a closing quote (`"ab"c`).
        case characterAfterClosingQuote
        /// The input ended inside a quoted field.
        case unterminatedQuotedField
        /// A record grew past the parser's size limit (usually a quote that is never closed).
        case recordTooLarge
        /// The header lacks one or more required columns.
        case missingColumns
    }

    /// What went wrong.
    public let kind: Kind
    /// The 1-based line of the file where the problem is.
    public let line: Int
    /// A sentence saying what was found and what was expected, without the line number.
    public let message: String

    /// Creates an error of `kind` at the 1-based `line`.
    public init(_ kind: Kind, line: Int, message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    /// `line 17: …`.
    public var description: String { "line \(line): \(message)" }
}
