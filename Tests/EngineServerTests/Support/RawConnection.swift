import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing

/// A plain TCP connection to a test server: bytes out, bytes in, no HTTP client in between, so
/// that a test can send a request slowly, in pieces, or malformed, and see exactly what the
/// server answers and when it closes the connection.
struct RawConnection: Sendable {
    /// What has arrived so far, and whether the server has closed the connection.
    struct Received: Sendable {
        var bytes: [UInt8] = []
        var closed = false

        var text: String { String(decoding: bytes, as: UTF8.self) }

        /// The complete answers received (a head and, by its `Content-Length`, its body).
        var answers: [RawAnswer] {
            var answers: [RawAnswer] = []
            var rest = bytes[...]
            while let answer = RawAnswer(parsing: &rest) { answers.append(answer) }
            return answers
        }
    }

    private let channel: any Channel
    private let received: Received.Box

    /// A connection to 127.0.0.1:`port`.
    static func open(port: Int) async throws -> RawConnection {
        let received = Received.Box()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Recorder(received: received))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel, received: received)
    }

    /// Sends `text`.
    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// Sends `bytes` (which need not be UTF-8).
    func send(bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    /// Sends `text` one byte every `interval`, until it is sent or the server closes the connection.
    func trickle(_ text: String, every interval: Duration) async throws {
        for byte in text.utf8 where !received.value.closed {
            try? await channel.writeAndFlush(ByteBuffer(bytes: [byte]))
            try await Task.sleep(for: interval)
        }
    }

    /// Waits until `condition` holds for what has arrived, at most `timeout`.
    /// - Returns: what had arrived then (the test checks whether the condition held).
    @discardableResult
    func wait(upTo timeout: Duration, until condition: (Received) -> Bool) async throws -> Received {
        let deadline = ContinuousClock.now + timeout
        while !condition(received.value), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        return received.value
    }

    /// Waits until `count` complete answers have arrived, at most `timeout`.
    func answers(_ count: Int = 1, upTo timeout: Duration = .seconds(2)) async throws -> [RawAnswer] {
        try await wait(upTo: timeout) { $0.answers.count >= count }.answers
    }

    /// Closes the connection.
    func close() async {
        try? await channel.close()
    }
}

/// One HTTP answer as it arrived on the wire.
struct RawAnswer: Sendable {
    let status: Int
    /// The header fields, names lowercased.
    let headers: [String: String]
    let body: String

    /// The answer at the start of `bytes`, which it removes; nil until a whole one has arrived.
    init?(parsing bytes: inout ArraySlice<UInt8>) {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else { return nil }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = lines.first, let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") else {
            return nil
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let bodyStart = end + separator.count
        let length = Int(headers["content-length"] ?? "0") ?? 0
        guard bytes.endIndex - bodyStart >= length else { return nil }
        self.status = status
        self.headers = headers
        body = String(decoding: bytes[bodyStart..<(bodyStart + length)], as: UTF8.self)
        bytes = bytes[(bodyStart + length)...]
    }

    /// The `error.code` of a JSON error body.
    var errorCode: String? {
        let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return (object?["error"] as? [String: Any])?["code"] as? String
    }
}

extension RawConnection.Received {
    /// What has arrived, shared between the channel's handler and the test.
    final class Box: Sendable {
        private let state = Mutex(RawConnection.Received())
        var value: RawConnection.Received { state.withLock { $0 } }
        func update(_ change: (inout RawConnection.Received) -> Void) { state.withLock { change(&$0) } }
    }
}

/// Records what arrives on a raw connection, and its close.
private final class Recorder: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    let received: RawConnection.Received.Box

    init(received: RawConnection.Received.Box) {
        self.received = received
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Array(buffer: unwrapInboundIn(data))
        received.update { $0.bytes += bytes }
    }

    func channelInactive(context: ChannelHandlerContext) {
        received.update { $0.closed = true }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
