import MotivationEngine

/// One record (row) of a CSV file, with its fields already unquoted and unescaped.
///
/// A record shares the parser's storage rather than copying it: reading fields allocates
/// nothing except the `String`s that ``string(at:)`` returns. Keeping a record after the
/// callback that received it returns is safe (the storage is copied on the parser's next
/// write), just slower.
///
/// Field indices are 0-based and must be below ``count``: check ``count`` against the header
/// before reading, as with an `Array`.
public struct CSVRecord: Sendable {
    /// The 1-based line of the file on which the record starts.
    public let line: Int
    /// The unescaped contents of all fields, one after the other.
    let bytes: [UInt8]
    /// `ends[i]` is the offset in `bytes` just past field `i`; field `i` starts at `ends[i - 1]`.
    let ends: [Int]

    init(line: Int, bytes: [UInt8], ends: [Int]) {
        self.line = line
        self.bytes = bytes
        self.ends = ends
    }

    /// The number of fields; at least 1.
    public var count: Int { ends.count }

    /// The offsets in `bytes` of field `index`.
    @inline(__always)
    func range(at index: Int) -> Range<Int> {
        precondition(index >= 0 && index < ends.count, "field \(index) of a \(ends.count)-field record")
        return (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// Calls `body` with the raw UTF-8 bytes of field `index`.
    @inline(__always)
    func withField<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let range = range(at: index)
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The text of field `index`; invalid UTF-8 is replaced by U+FFFD.
    public func string(at index: Int) -> String {
        withField(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether field `index` is empty (`,,` or `,"",`), that is, a missing value.
    public func isEmpty(at index: Int) -> Bool {
        range(at: index).isEmpty
    }

    /// Field `index` as a number, or nil when it is empty or not a plain decimal number.
    ///
    /// Accepts exactly what `Double(String)` accepts for decimal numbers — an optional sign,
    /// digits with an optional point (`5.`, `.5` included), an optional exponent (`1e5`,
    /// `2.5E-3`) — and returns a bit-identical value. Unlike `Double(String)` it returns nil for
    /// `inf`, `nan`, `infinity`, hexadecimal (`0x10`), text with spaces (` 1`) and magnitudes
    /// beyond the range of a finite `Double` (`1e400`): none of these is a measurement.
    public func double(at index: Int) -> Double? {
        withField(at: index, parseDecimal)
    }

    /// All fields as text, in order.
    public var strings: [String] {
        (0..<count).map(string(at:))
    }
}
