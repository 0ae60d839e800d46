import EngineAPI
import Foundation
import Hummingbird
import Logging

/// swift-log lines as JSON, one object a line, for log collectors:
/// `{"time":"2026-11-28T11:02:36.123Z","level":"info","logger":"sphery.server","message":"request","request_id":"…",…}`
/// (the logger's metadata, then the call's; nested metadata as JSON arrays and objects). Times
/// are UTC. Lines go to a `LogOutput`, which batches the writes.
public struct JSONLogHandler: LogHandler {
    /// Metadata on every line of this logger.
    public var metadata: Logger.Metadata = [:]
    /// Metadata added to every line at the time of logging (e.g. from a task-local).
    public var metadataProvider: Logger.MetadataProvider?
    /// The least severe level written.
    public var logLevel: Logger.Level
    private let label: String
    private let output: LogOutput

    /// A handler for the logger `label`, writing entries at `level` and above to `output`.
    public init(label: String, level: Logger.Level = .info, output: LogOutput) {
        self.label = label
        logLevel = level
        self.output = output
    }

    /// The logger's metadata value for `key`.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes `event` as one JSON line; errors are flushed at once.
    public func log(event: LogEvent) {
        output.write(line(event), urgent: event.level >= .error)
    }

    /// The JSON line of `event`, newline included.
    func line(_ event: LogEvent, at date: Date = Date()) -> ByteBuffer {
        // Room for a request line (about 250 bytes) at once; an empty buffer would grow through 64, 128 and 256.
        var writer = JSONWriter(buffer: Self.allocator.buffer(capacity: 512))
        writer.beginObject()
        writer.key(Key.time); writer.value(Self.timestamp(date))
        writer.key(Key.level); writer.value(event.level.rawValue)
        writer.key(Key.logger); writer.value(label)
        writer.key(Key.message); writer.value(event.message.description)
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let own = event.metadata { merged.merge(own) { $1 } }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            writer.key(dynamic: key)
            Self.write(value, to: &writer)
        }
        writer.endObject()
        writer.buffer.writeInteger(UInt8(ascii: "\n"))
        return writer.buffer
    }

    private static let allocator = ByteBufferAllocator()

    /// The keys every log line has; the metadata's follow.
    private enum Key: WireKey {
        case time, level, logger, message

        var name: StaticString {
            switch self {
            case .time: "time"
            case .level: "level"
            case .logger: "logger"
            case .message: "message"
            }
        }
    }

    private static func write(_ value: Logger.Metadata.Value, to writer: inout JSONWriter) {
        switch value {
        case .string(let text): writer.value(text)
        case .stringConvertible(let convertible): writer.value(convertible.description)
        case .array(let values):
            writer.beginArray()
            for value in values { write(value, to: &writer) }
            writer.endArray()
        case .dictionary(let values):
            writer.beginObject()
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                writer.key(dynamic: key)
                write(value, to: &writer)
            }
            writer.endObject()
        }
    }

    /// `2026-11-28T11:02:36.123Z`, from the C library's UTC calendar (no time-zone file read).
    static func timestamp(_ date: Date) -> String {
        let since1970 = date.timeIntervalSince1970
        var seconds = time_t(since1970.rounded(.down))
        let milliseconds = Int((since1970 - Double(seconds)) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let fraction = milliseconds < 10 ? "00\(milliseconds)" : milliseconds < 100 ? "0\(milliseconds)" : "\(milliseconds)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)Z"
    }
}
