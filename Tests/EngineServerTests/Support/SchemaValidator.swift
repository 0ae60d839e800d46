import EngineAPI
import Foundation
import Yams

/// The YAML of the OpenAPI document converted to the same `JSONValue`s a response body parses
/// to, so that schemas and instances are compared in one representation.
///
/// Numbers are `Double`s: JSON Schema's `integer` is a number without a fractional part, which
/// is checked on the value, not on how it was written.
extension JSONValue {
    /// Converts a YAML document to JSON values: scalars by their resolved tag (a quoted `"null"`
    /// or `"200"` stays a string, a YAML timestamp stays the string it was written as).
    /// - Throws: `SchemaDocumentError` for a mapping key that is not a scalar.
    init(yaml node: Node) throws {
        switch node {
        case .scalar(let scalar):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: self = .null
            case Tag.Name.bool.rawValue: self = node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: self = node.int.map { .number(Double($0)) } ?? .string(scalar.string)
            case Tag.Name.float.rawValue: self = node.float.map(JSONValue.number) ?? .string(scalar.string)
            default: self = .string(scalar.string)
            }
        case .sequence(let sequence):
            self = .array(try sequence.map { try JSONValue(yaml: $0) })
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let name) = key else {
                    throw SchemaDocumentError(problem: "a mapping key is not a scalar at line \(key.mark?.line ?? 0)")
                }
                object[name.string] = try JSONValue(yaml: value)
            }
            self = .object(object)
        case .alias:
            throw SchemaDocumentError(problem: "YAML aliases are not used in the document")
        }
    }

    /// Parses a YAML text.
    /// - Throws: `YamlError` for malformed YAML, `SchemaDocumentError` for an empty one.
    static func parse(yaml text: String) throws -> JSONValue {
        guard let node = try Yams.compose(yaml: text) else { throw SchemaDocumentError(problem: "the YAML is empty") }
        return try JSONValue(yaml: node)
    }

    /// The members of an object, `nil` otherwise.
    var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The elements of an array, `nil` otherwise.
    var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    /// The JSON Schema type names the value has: `integer` is also a `number`.
    var typeNames: Set<String> {
        switch self {
        case .null: return ["null"]
        case .bool: return ["boolean"]
        case .number(let number):
            return number.isFinite && number == number.rounded() ? ["number", "integer"] : ["number"]
        case .string: return ["string"]
        case .array: return ["array"]
        case .object: return ["object"]
        }
    }
}

/// A document the validator cannot work with (a dangling `$ref`, a keyword it does not know).
struct SchemaDocumentError: Error, CustomStringConvertible {
    var problem: String
    var description: String { problem }
}

/// The first place where an instance does not match its schema.
struct SchemaMismatch: Error, Equatable, CustomStringConvertible {
    /// The JSON path of the value at fault, e.g. `$.analysis.cluster_prediction.probabilities[2]`.
    var path: String
    /// What is wrong with it.
    var problem: String

    var description: String { "\(path): \(problem)" }
}

/// A JSON Schema (2020-12) validator for the subset the OpenAPI document uses: `$ref` (JSON
/// pointers into the document), `type` (a name or a list of names, `null` included), `enum`,
/// `const`, `properties`, `required`, `additionalProperties` (`false` or a schema), `items`,
/// `oneOf`, `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `minLength`, `maxLength`,
/// `pattern` and `format: date-time`.
///
/// A keyword outside that subset and the annotations (`description`, `example`, …) is reported
/// as a mismatch rather than ignored, so a schema cannot silently promise more than is checked.
struct SchemaValidator: Sendable {
    /// The whole document, which `$ref`s point into.
    let document: JSONValue

    /// Keywords that only annotate.
    static let annotations: Set<String> = [
        "description", "title", "example", "examples", "default", "deprecated", "readOnly", "writeOnly", "$comment",
    ]

    /// Keywords that are checked.
    static let assertions: Set<String> = [
        "$ref", "type", "enum", "const", "properties", "required", "additionalProperties", "items", "oneOf", "minimum",
        "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "format",
    ]

    /// The value a JSON pointer `reference` (`#/components/schemas/Analysis`) names.
    /// - Throws: `SchemaDocumentError` when it is not a local pointer or names nothing.
    func resolve(reference: String) throws -> JSONValue {
        guard reference.hasPrefix("#") else { throw SchemaDocumentError(problem: "only local $refs are supported: \(reference)") }
        var value = document
        for token in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = value[name] else { throw SchemaDocumentError(problem: "$ref \(reference) names nothing") }
            value = next
        }
        return value
    }

    /// `object` with its `$ref` followed (repeatedly), for OpenAPI objects that may be references
    /// (responses, parameters, headers).
    /// - Throws: `SchemaDocumentError` for a dangling or circular reference.
    func dereference(_ object: JSONValue) throws -> JSONValue {
        var current = object
        for _ in 0..<32 {
            guard let reference = current["$ref"]?.string else { return current }
            current = try resolve(reference: reference)
        }
        throw SchemaDocumentError(problem: "$ref chain too long (circular?)")
    }

    /// The first mismatch of `instance` against `schema`, or `nil` when it matches.
    /// - Parameter path: the JSON path of `instance`, `$` for a whole body.
    func firstMismatch(of instance: JSONValue, against schema: JSONValue, at path: String = "$") -> SchemaMismatch? {
        switch schema {
        case .bool(true): return nil
        case .bool(false): return SchemaMismatch(path: path, problem: "no value is allowed here")
        case .object(let keywords): return firstMismatch(of: instance, against: keywords, at: path)
        default: return SchemaMismatch(path: path, problem: "the schema is not an object or Boolean: \(schema)")
        }
    }

    /// Checks every keyword of a schema object, stopping at the first mismatch.
    private func firstMismatch(of instance: JSONValue, against schema: [String: JSONValue], at path: String) -> SchemaMismatch? {
        for keyword in schema.keys.sorted() where !Self.annotations.contains(keyword) && !Self.assertions.contains(keyword) {
            return SchemaMismatch(path: path, problem: "the schema uses '\(keyword)', which this validator does not check")
        }
        if let reference = schema["$ref"] {
            guard let text = reference.string else { return SchemaMismatch(path: path, problem: "$ref is not a string") }
            do {
                if let mismatch = firstMismatch(of: instance, against: try resolve(reference: text), at: path) { return mismatch }
            } catch {
                return SchemaMismatch(path: path, problem: "\(error)")
            }
        }
        if let type = schema["type"], let mismatch = checkType(instance, type, at: path) { return mismatch }
        if let values = schema["enum"] {
            guard let allowed = values.arrayValue else { return SchemaMismatch(path: path, problem: "enum is not an array") }
            if !allowed.contains(instance) {
                return SchemaMismatch(path: path, problem: "\(instance) is not one of \(values)")
            }
        }
        if let constant = schema["const"], constant != instance {
            return SchemaMismatch(path: path, problem: "\(instance) is not \(constant)")
        }
        if case .number(let number) = instance, let mismatch = checkBounds(number, schema, at: path) { return mismatch }
        if case .string(let text) = instance, let mismatch = checkString(text, schema, at: path) { return mismatch }
        if let format = schema["format"]?.string, case .string(let text) = instance,
            let mismatch = checkFormat(text, format, at: path)
        {
            return mismatch
        }
        if case .object(let members) = instance, let mismatch = checkObject(members, schema, at: path) { return mismatch }
        if case .array(let elements) = instance, let items = schema["items"] {
            for (index, element) in elements.enumerated() {
                if let mismatch = firstMismatch(of: element, against: items, at: "\(path)[\(index)]") { return mismatch }
            }
        }
        if let branches = schema["oneOf"] {
            guard let branches = branches.arrayValue else { return SchemaMismatch(path: path, problem: "oneOf is not an array") }
            let mismatches = branches.map { firstMismatch(of: instance, against: $0, at: path) }
            let matching = mismatches.filter { $0 == nil }.count
            if matching != 1 {
                let reasons = mismatches.enumerated().map { "\($0.offset): \($0.element.map(\.description) ?? "matches")" }
                return SchemaMismatch(
                    path: path,
                    problem:
                        "matches \(matching) of the \(branches.count) oneOf schemas, not exactly one (\(reasons.joined(separator: "; ")))")
            }
        }
        return nil
    }

    /// `type`: one name or a list of names.
    private func checkType(_ instance: JSONValue, _ type: JSONValue, at path: String) -> SchemaMismatch? {
        let names: [String]
        switch type {
        case .string(let name): names = [name]
        case .array(let list): names = list.compactMap(\.string)
        default: return SchemaMismatch(path: path, problem: "type is neither a name nor a list of names")
        }
        if instance.typeNames.isDisjoint(with: names) {
            return SchemaMismatch(path: path, problem: "\(instance) is not of type \(names.joined(separator: " or "))")
        }
        return nil
    }

    /// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` (2020-12: numbers, not flags).
    private func checkBounds(_ number: Double, _ schema: [String: JSONValue], at path: String) -> SchemaMismatch? {
        func bound(_ keyword: String) -> Double? {
            if case .number(let value) = schema[keyword] { return value }
            return nil
        }
        let value = JSONValue.number(number)
        if let minimum = bound("minimum"), number < minimum {
            return SchemaMismatch(path: path, problem: "\(value) is below the minimum \(JSONValue.number(minimum))")
        }
        if let maximum = bound("maximum"), number > maximum {
            return SchemaMismatch(path: path, problem: "\(value) is above the maximum \(JSONValue.number(maximum))")
        }
        if let minimum = bound("exclusiveMinimum"), number <= minimum {
            return SchemaMismatch(path: path, problem: "\(value) is not above \(JSONValue.number(minimum))")
        }
        if let maximum = bound("exclusiveMaximum"), number >= maximum {
            return SchemaMismatch(path: path, problem: "\(value) is not below \(JSONValue.number(maximum))")
        }
        return nil
    }

    /// `minLength`, `maxLength` (in characters, that is code points) and `pattern` (a regular
    /// expression found anywhere in the string, as in ECMA-262; the document's patterns use only
    /// what ICU reads the same way).
    private func checkString(_ text: String, _ schema: [String: JSONValue], at path: String) -> SchemaMismatch? {
        let length = text.unicodeScalars.count
        if case .number(let minimum) = schema["minLength"], Double(length) < minimum {
            return SchemaMismatch(path: path, problem: "\"\(text)\" is shorter than \(Int(minimum)) characters")
        }
        if case .number(let maximum) = schema["maxLength"], Double(length) > maximum {
            return SchemaMismatch(path: path, problem: "\"\(text.prefix(40))…\" is longer than \(Int(maximum)) characters")
        }
        if let pattern = schema["pattern"]?.string {
            guard let expression = try? NSRegularExpression(pattern: pattern) else {
                return SchemaMismatch(path: path, problem: "the pattern \(pattern) is not a regular expression")
            }
            if expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                return SchemaMismatch(path: path, problem: "\"\(text)\" does not match \(pattern)")
            }
        }
        return nil
    }

    /// `format`: `date-time` is checked (RFC 3339, as the service writes it); other formats are
    /// reported, since nothing would check them.
    private func checkFormat(_ text: String, _ format: String, at path: String) -> SchemaMismatch? {
        guard format == "date-time" else {
            return SchemaMismatch(path: path, problem: "format '\(format)' is not checked by this validator")
        }
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if plain.date(from: text) == nil && fractional.date(from: text) == nil {
            return SchemaMismatch(path: path, problem: "\"\(text)\" is not an RFC 3339 date-time")
        }
        return nil
    }

    /// `required`, `properties` and `additionalProperties` of an object instance.
    private func checkObject(_ members: [String: JSONValue], _ schema: [String: JSONValue], at path: String) -> SchemaMismatch? {
        if let required = schema["required"]?.arrayValue {
            for name in required.compactMap(\.string) where members[name] == nil {
                return SchemaMismatch(path: path, problem: "the required key '\(name)' is missing")
            }
        }
        let properties = schema["properties"]?.objectValue ?? [:]
        for name in members.keys.sorted() {
            let memberPath = "\(path).\(name)"
            if let property = properties[name] {
                if let mismatch = firstMismatch(of: members[name]!, against: property, at: memberPath) { return mismatch }
            } else if let additional = schema["additionalProperties"] {
                if additional == .bool(false) {
                    return SchemaMismatch(path: memberPath, problem: "the key '\(name)' is not allowed here")
                }
                if let mismatch = firstMismatch(of: members[name]!, against: additional, at: memberPath) { return mismatch }
            }
        }
        return nil
    }
}
