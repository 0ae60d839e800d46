import MotivationEngine

/// An incremental RFC 4180 CSV parser: the caller feeds bytes in chunks of any size (a file
/// read 64 KiB at a time, a network body) and receives each record as soon as it is complete,
/// so a file of any length is read in constant memory.
///
/// It reads UTF-8 (or ASCII) text with comma separators and:
/// - fields in double quotes, which may hold commas, line breaks and doubled quotes (`""`);
/// - line endings LF, CRLF or CR, mixed freely;
/// - a UTF-8 byte order mark at the very start, which is dropped;
/// - a missing line ending after the last record;
/// - empty lines, which are skipped (a line holding only spaces is a record).
///
/// Malformed input throws a ``CSVError`` with the line of the problem. After any error, from
/// the input or from the callback, the parser is in an unspecified state: stop feeding it.
///
/// ```swift
/// var parser = CSVParser()
/// for chunk in chunks { try parser.feed(chunk) { record in … } }
/// try parser.finish { record in … }
/// ```
public struct CSVParser: Sendable {
    /// Where the parser stands between two bytes.
    private enum State {
        /// At the start of a line, before any field of a record.
        case recordStart
        /// At the start of a field after a comma.
        case fieldStart
        /// Inside a field that did not start with a quote.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// Just after a quote inside a quoted field: the closing quote, or the first of `""`.
        case quoteInQuoted
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")

    /// The largest record accepted, in bytes of field content plus separators. Past it the
    /// parser throws ``CSVError/Kind/recordTooLarge`` instead of buffering the rest of the
    /// input, which is what a quote left open would otherwise do.
    public let maximumRecordSize: Int

    private var state = State.recordStart
    /// The 1-based line of the next byte.
    private var line = 1
    /// The line on which the record being read starts.
    private var recordLine = 1
    /// The line on which the quoted field being read starts.
    private var quoteLine = 1
    /// The previous chunk ended with a CR, so an LF starting the next one completes a CRLF.
    private var afterCarriageReturn = false
    /// No byte other than a partial byte order mark has been seen yet.
    private var lookingForByteOrderMark = true
    /// How many bytes of a byte order mark the input has started with.
    private var byteOrderMarkBytes = 0
    /// The unescaped contents of the fields of the record being read.
    private var bytes: [UInt8] = []
    /// The end offsets in `bytes` of the fields completed so far.
    private var ends: [Int] = []

    /// Creates a parser for one input.
    ///
    /// - Parameter maximumRecordSize: the largest record accepted, in bytes (1 MiB by default).
    public init(maximumRecordSize: Int = 1 << 20) {
        self.maximumRecordSize = maximumRecordSize
    }

    /// Parses the next chunk of the input and calls `body` with every record it completes,
    /// in order. A record cut by the end of the chunk is kept until a later chunk completes it.
    ///
    /// - Throws: a ``CSVError`` for malformed input, or what `body` throws.
    public mutating func feed(
        _ chunk: some Collection<UInt8>, _ body: (CSVRecord) throws -> Void
    ) throws {
        let fed: Void? = try chunk.withContiguousStorageIfAvailable { try feed(buffer: $0, body) }
        if fed == nil {
            try Array(chunk).withUnsafeBufferPointer { try feed(buffer: $0, body) }
        }
    }

    /// Ends the input: calls `body` with the last record if it has no line ending, then resets
    /// the parser for a new input.
    ///
    /// - Throws: ``CSVError/Kind/unterminatedQuotedField`` if the input ends inside a quoted
    ///   field, or what `body` throws.
    public mutating func finish(_ body: (CSVRecord) throws -> Void) throws {
        if lookingForByteOrderMark, byteOrderMarkBytes > 0 {
            try parseByteOrderMarkPrefixAsData(body)
        }
        switch state {
        case .recordStart:
            break
        case .fieldStart, .unquoted, .quoteInQuoted:
            ends.append(bytes.count)
            try deliver(body)
        case .quoted:
            throw CSVError(
                .unterminatedQuotedField, line: quoteLine,
                message: "the quoted field \(ends.count + 1) that starts on this line is never "
                    + "closed: the input ends before its closing quote")
        }
        self = CSVParser(maximumRecordSize: maximumRecordSize)
    }

    private mutating func feed(
        buffer: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) throws -> Void
    ) throws {
        guard lookingForByteOrderMark else { return try parse(buffer, body) }
        var index = 0
        while index < buffer.count, byteOrderMarkBytes < 3,
            buffer[index] == Self.byteOrderMark[byteOrderMarkBytes]
        {
            byteOrderMarkBytes += 1
            index += 1
        }
        if byteOrderMarkBytes < 3 {
            // Still a possible byte order mark: wait for the next chunk.
            guard index < buffer.count else { return }
            try parseByteOrderMarkPrefixAsData(body)
        }
        lookingForByteOrderMark = false
        try parse(UnsafeBufferPointer(rebasing: buffer[index...]), body)
    }

    /// The input started like a byte order mark but is not one: those bytes are data.
    private mutating func parseByteOrderMarkPrefixAsData(_ body: (CSVRecord) throws -> Void) throws {
        lookingForByteOrderMark = false
        let prefix = Self.byteOrderMark[..<byteOrderMarkBytes]
        try prefix.withUnsafeBufferPointer { try parse($0, body) }
    }

    /// The state machine proper.
    private mutating func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) throws -> Void
    ) throws {
        let count = buffer.count
        var index = 0
        if afterCarriageReturn, count > 0 {
            afterCarriageReturn = false
            if buffer[0] == Self.lineFeed {
                if state == .quoted { bytes.append(Self.lineFeed) }
                index = 1
            }
        }
        while index < count {
            switch state {
            case .recordStart:
                let byte = buffer[index]
                if byte == Self.lineFeed || byte == Self.carriageReturn {
                    index = skipLineEnd(buffer, at: index)
                } else {
                    recordLine = line
                    state = .fieldStart
                }

            case .fieldStart:
                if buffer[index] == Self.quote {
                    quoteLine = line
                    state = .quoted
                    index += 1
                } else {
                    state = .unquoted
                }

            case .unquoted:
                let start = index
                while index < count {
                    let byte = buffer[index]
                    if byte == Self.comma || byte == Self.quote || byte == Self.lineFeed
                        || byte == Self.carriageReturn
                    {
                        break
                    }
                    index += 1
                }
                try append(buffer, start..<index)
                guard index < count else { continue }
                let byte = buffer[index]
                if byte == Self.quote {
                    throw CSVError(
                        .quoteInUnquotedField, line: line,
                        message: "a quote inside field \(ends.count + 1), which does not start "
                            + "with a quote: quote the whole field and double the quotes inside "
                            + "it (\"say \"\"hi\"\"\")")
                }
                ends.append(bytes.count)
                if byte == Self.comma {
                    state = .fieldStart
                    index += 1
                } else {
                    try deliver(body)
                    index = skipLineEnd(buffer, at: index)
                }

            case .quoted:
                let start = index
                while index < count {
                    let byte = buffer[index]
                    if byte == Self.quote || byte == Self.lineFeed || byte == Self.carriageReturn {
                        break
                    }
                    index += 1
                }
                try append(buffer, start..<index)
                guard index < count else { continue }
                let byte = buffer[index]
                if byte == Self.quote {
                    state = .quoteInQuoted
                    index += 1
                } else {
                    // A line break inside the field: kept as it is, and counted.
                    let next = skipLineEnd(buffer, at: index)
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<next]))
                    index = next
                }

            case .quoteInQuoted:
                let byte = buffer[index]
                if byte == Self.quote {
                    bytes.append(Self.quote)
                    state = .quoted
                    index += 1
                } else if byte == Self.comma {
                    ends.append(bytes.count)
                    state = .fieldStart
                    index += 1
                } else if byte == Self.lineFeed || byte == Self.carriageReturn {
                    ends.append(bytes.count)
                    try deliver(body)
                    index = skipLineEnd(buffer, at: index)
                } else {
                    throw CSVError(
                        .characterAfterClosingQuote, line: line,
                        message: "\(Self.describe(byte)) after the closing quote of field "
                            + "\(ends.count + 1): expected a comma or the end of the line "
                            + "(a quote inside a quoted field is written \"\")")
                }
            }
        }
    }

    /// Counts the line ending (LF, CR or CRLF) at `index` and returns the index past it; a CR
    /// that ends the chunk leaves a following LF to the next chunk.
    @inline(__always)
    private mutating func skipLineEnd(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        line += 1
        let next = index + 1
        guard buffer[index] == Self.carriageReturn else { return next }
        guard next < buffer.count else {
            afterCarriageReturn = true
            return next
        }
        return buffer[next] == Self.lineFeed ? next + 1 : next
    }

    /// Adds field content, keeping the record within ``maximumRecordSize``.
    @inline(__always)
    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws {
        if !range.isEmpty {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
        }
        if bytes.count + ends.count > maximumRecordSize {
            let hint = state == .quoted ? "; is the quote opened on line \(quoteLine) closed?" : ""
            throw CSVError(
                .recordTooLarge, line: recordLine,
                message: "the record that starts on this line is longer than "
                    + "\(maximumRecordSize) bytes\(hint)")
        }
    }

    /// Hands the completed record to `body` and starts the next one.
    @inline(__always)
    private mutating func deliver(_ body: (CSVRecord) throws -> Void) throws {
        try body(CSVRecord(line: recordLine, bytes: bytes, ends: ends))
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        state = .recordStart
    }

    /// `'x'` for printable ASCII, else the byte in hexadecimal.
    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x20, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "the byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
