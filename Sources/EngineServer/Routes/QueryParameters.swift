import Hummingbird
import MotivationEngine

/// A request's query, read once (Hummingbird parses `uri.queryParameters` anew on every call)
/// and then field by field, each parameter with a type and an error that names it.
public struct QueryParameters {
    /// The parsed query.
    public let parameters: Parameters

    /// The query of `request`.
    public init(_ request: Request) {
        parameters = request.uri.queryParameters
    }

    /// The text of an optional parameter; an empty one (`?language=`, as a form sends a field
    /// left blank) is taken as left out.
    public func text(_ name: String) -> String? {
        parameters[Substring(name)].flatMap { $0.isEmpty ? nil : String($0) }
    }

    /// The value of an optional parameter, read by `parse`.
    /// - Parameter expected: what the parameter must be, for the error ("a whole number").
    /// - Throws: 400 `invalid_field`, "`name`: must be `expected`, got '…'", when `parse` refuses it.
    public func value<Value>(_ name: String, expected: String, _ parse: (String) -> Value?) throws -> Value? {
        guard let text = text(name) else { return nil }
        guard let value = parse(text) else { throw APIError.invalidField(name, "must be \(expected), got '\(text)'") }
        return value
    }

    /// A whole number within `range`, if given.
    /// - Throws: 400 naming the parameter and the range.
    public func integer(_ name: String, in range: ClosedRange<Int>, expected: String? = nil) throws -> Int? {
        try value(name, expected: expected ?? "a whole number from \(range.lowerBound) to \(range.upperBound)") { text in
            Int(text).flatMap { range.contains($0) ? $0 : nil }
        }
    }

    /// A value of a string enum, if given.
    /// - Throws: 400 listing the allowed values.
    public func oneOf<Value: RawRepresentable & CaseIterable>(_ name: String, as type: Value.Type) throws -> Value?
    where Value.RawValue == String {
        try value(name, expected: "one of " + Value.allCases.map(\.rawValue).joined(separator: ", "), Value.init(rawValue:))
    }

    /// The language of messages: `?language=en|de|fr` (de-CH and fr-CH accepted), English by
    /// default (also for an empty `?language=`).
    /// - Throws: 400 naming the languages.
    public func language() throws -> Language {
        try value("language", expected: "en, de or fr", Language.init(identifier:)) ?? .en
    }

    /// Every parameter as text, the last of a repeated name winning: what a page's form shows.
    public var all: [String: String] {
        var all: [String: String] = [:]
        for (key, value) in parameters { all[String(key)] = String(value) }
        return all
    }
}
