import Foundation
import NIOCore

/// A value of the wire contract, written by the fast `JSONWriter`.
///
/// Its `Encodable` conformance is derived from `write(to:)`: the JSON the writer produces, read
/// back as a `JSONValue` and encoded. So a shape's keys and their order are written once, in
/// `write(to:)`; `JSONEncoder` (the command line's pretty printing, the response encoder's
/// fallback) sees the same object.
public protocol JSONWritable: Encodable {
    /// Writes the value's JSON.
    /// - Throws: `JSONWriterError` if a number is NaN or infinite.
    func write(to writer: inout JSONWriter) throws(JSONWriterError)

    /// The bytes to reserve for the value's JSON, large enough for a typical value.
    var typicalSize: Int { get }
}

extension JSONWritable {
    /// About one analysis.
    public var typicalSize: Int { 1024 }

    /// The value's JSON in a new buffer.
    /// - Throws: `JSONWriterError` if a number is NaN or infinite.
    public func json(allocator: ByteBufferAllocator = ByteBufferAllocator()) throws(JSONWriterError) -> ByteBuffer {
        var writer = JSONWriter(buffer: allocator.buffer(capacity: typicalSize))
        try write(to: &writer)
        return writer.buffer
    }

    /// The value's JSON read back as a `JSONValue`.
    /// - Throws: `JSONWriterError` if a number is NaN or infinite.
    public var jsonValue: JSONValue {
        get throws {
            // The writer's output is valid JSON, so reading it back cannot fail.
            try JSONValue.parse(Data(try json().readableBytesView))
        }
    }

    /// Encodes what `write(to:)` writes.
    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }
}
