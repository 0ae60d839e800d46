import EngineServer

/// A `multipart/form-data` body (RFC 7578, RFC 2046 §5.1) as the batch page's form sends it:
/// its fields by name. Read here rather than by a library so that no input can trap the
/// process (docs/dashboard.md says why): every index is checked before it is used, nothing is
/// unwrapped by force, and the work is linear in the size of the body.
struct MultipartForm {
    /// The fields' contents by name; a file field's content is the file's bytes.
    let fields: [String: ArraySlice<UInt8>]

    /// The boundary of a `multipart/form-data` content type.
    /// - Throws: `MultipartFormError` for another content type, a malformed one, or a boundary
    ///   that RFC 2046 does not allow.
    static func boundary(in contentType: String?) throws(MultipartFormError) -> [UInt8] {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else {
            throw MultipartFormError("Send the form as multipart/form-data with a file.")
        }
        guard let header = HeaderParameters(contentType.utf8), header.value == "multipart/form-data",
            let boundary = header.parameters["boundary"].map({ Array($0.utf8) })
        else {
            throw MultipartFormError("The upload cannot be read: its Content-Type is not multipart/form-data with one boundary parameter.")
        }
        guard (1...70).contains(boundary.count), boundary.allSatisfy(\.isBoundaryCharacter), boundary.last != UInt8(ascii: " ") else {
            throw MultipartFormError(
                "The upload cannot be read: the boundary in its Content-Type must be 1 to 70 letters, digits or "
                    + "'()+_,-./:=? and spaces, not ending in a space (RFC 2046).")
        }
        return boundary
    }

    /// Reads the fields of `body`, whose parts are separated by `boundary`.
    /// - Throws: `MultipartFormError` naming what cannot be read: a body without the boundary
    ///   or its closing line, a part's header that is not `Name: value`, a part without a field
    ///   name, a field sent twice.
    init(boundary: [UInt8], body: [UInt8]) throws(MultipartFormError) {
        var reader = Reader(bytes: body, delimiter: Array("--".utf8) + boundary)
        var fields: [String: ArraySlice<UInt8>] = [:]
        try reader.skipPreamble()
        while try reader.partFollows() {
            let name = try reader.fieldName()
            let content = try reader.content()
            guard fields.updateValue(content, forKey: name) == nil else {
                throw reader.problem("the field '\(name)' is sent twice")
            }
        }
        self.fields = fields
    }

    /// The body read from the front: delimiters, then each part's headers and content.
    private struct Reader {
        let bytes: [UInt8]
        /// `--` and the boundary.
        let delimiter: [UInt8]
        var index = 0

        static let newline = Array("\r\n".utf8)

        func problem(_ text: String) -> MultipartFormError {
            MultipartFormError("The upload cannot be read: \(text).")
        }

        /// Moves past the first delimiter: at the start of the body, or at the start of a line
        /// after a preamble (which is ignored).
        mutating func skipPreamble() throws(MultipartFormError) {
            if starts(with: delimiter, at: 0) {
                index = delimiter.count
            } else if let line = find(Self.newline + delimiter, from: 0) {
                index = line + Self.newline.count + delimiter.count
            } else {
                throw problem("the body has no line \(String(decoding: delimiter, as: UTF8.self)) to start the form")
            }
        }

        /// After a delimiter: whether a part follows (a line break), or the form ends (`--`;
        /// anything after it is an epilogue, ignored).
        mutating func partFollows() throws(MultipartFormError) -> Bool {
            if starts(with: Array("--".utf8), at: index) { return false }
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            guard starts(with: Self.newline, at: index) else {
                throw problem("a boundary line goes on with other text (the boundary must not occur inside the form)")
            }
            index += Self.newline.count
            return true
        }

        /// Reads a part's header lines up to the empty line that ends them: the field's name
        /// from `Content-Disposition: form-data; name="…"`.
        mutating func fieldName() throws(MultipartFormError) -> String {
            var name: String?
            while true {
                guard let end = find(Self.newline, from: index) else {
                    throw problem("a part's headers do not end with an empty line")
                }
                let line = bytes[index..<end]
                index = end + Self.newline.count
                if line.isEmpty { break }
                guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                    line[..<colon].allSatisfy(\.isTokenCharacter)
                else {
                    throw problem("a part's header line is not 'Name: value' with a name of letters, digits and !#$%&'*+-.^_`|~")
                }
                let value = line[(colon + 1)...]
                guard value.allSatisfy(\.isFieldValueCharacter) else {
                    throw problem("a part's header value holds a control character")
                }
                guard String(decoding: line[..<colon], as: UTF8.self).lowercased() == "content-disposition" else { continue }
                guard name == nil, let disposition = HeaderParameters(value), disposition.value == "form-data",
                    let field = disposition.parameters["name"]
                else {
                    throw problem("a part's Content-Disposition is not one 'form-data; name=\"…\"'")
                }
                name = field
            }
            guard let name else { throw problem("a part has no Content-Disposition naming its field") }
            return name
        }

        /// A part's content: the bytes up to the line break before the next delimiter.
        mutating func content() throws(MultipartFormError) -> ArraySlice<UInt8> {
            guard let end = find(Self.newline + delimiter, from: index) else {
                throw problem("the body ends before its closing line \(String(decoding: delimiter + Array("--".utf8), as: UTF8.self))")
            }
            let content = bytes[index..<end]
            index = end + Self.newline.count + delimiter.count
            return content
        }

        /// Whether `pattern` is at `position`.
        func starts(with pattern: [UInt8], at position: Int) -> Bool {
            position >= 0 && pattern.count <= bytes.count - position
                && bytes[position..<(position + pattern.count)].elementsEqual(pattern)
        }

        /// The first position from `start` where `pattern` is. Every pattern searched begins
        /// with CR and holds no other CR (a boundary cannot), so the candidates are the CRs and
        /// the search is linear in the bytes passed.
        func find(_ pattern: [UInt8], from start: Int) -> Int? {
            var position = start
            while position >= 0, position < bytes.count, let candidate = bytes[position...].firstIndex(of: UInt8(ascii: "\r")) {
                if starts(with: pattern, at: candidate) { return candidate }
                position = candidate + 1
            }
            return nil
        }
    }
}

/// An upload that cannot be read, in words for the batch page.
struct MultipartFormError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension UInt8 {
    /// A character of a multipart boundary (RFC 2046 §5.1.1 `bchars`).
    var isBoundaryCharacter: Bool {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        default:
            "'()+_,-./:=? ".utf8.contains(self)
        }
    }
}
