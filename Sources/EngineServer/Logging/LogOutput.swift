import Foundation
import Hummingbird
import Synchronization

/// Where log lines go: a file descriptor (standard output by default), written in batches so
/// that a busy service makes a few writes a second rather than one per request. Lines are kept
/// in order; a batch is written when `flushInterval` has passed (`startFlushing`), when it
/// holds `batchBytes`, for an urgent (error) line, and on `flush()` — call that before the
/// process ends.
public final class LogOutput: Sendable {
    private let descriptor: Int32
    private let batchBytes: Int
    private let pending = Mutex(ByteBuffer())

    /// Output to `descriptor` (1 is standard output).
    public init(descriptor: Int32 = 1, batchBytes: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.batchBytes = batchBytes
    }

    /// Queues `line`; writes the batch now if it is large or the line urgent.
    func write(_ line: ByteBuffer, urgent: Bool) {
        pending.withLock { buffer in
            var line = line
            buffer.writeBuffer(&line)
            if urgent || buffer.readableBytes >= batchBytes { drain(&buffer) }
        }
    }

    /// Writes every queued line.
    public func flush() {
        pending.withLock { drain(&$0) }
    }

    /// Flushes every `interval` until the returned task is cancelled.
    @discardableResult
    public func startFlushing(every interval: Duration = .milliseconds(100)) -> Task<Void, Never> {
        Task.detached { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                flush()
            }
            flush()
        }
    }

    /// Writes `buffer` out completely (retrying partial writes and interruptions) and empties it.
    /// Called with the lock held, so batches never interleave.
    private func drain(_ buffer: inout ByteBuffer) {
        while buffer.readableBytes > 0 {
            let written = buffer.withUnsafeReadableBytes { bytes in
                Foundation.write(descriptor, bytes.baseAddress, bytes.count)
            }
            if written > 0 {
                buffer.moveReaderIndex(forwardBy: written)
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                break  // nowhere to write (a closed descriptor): drop rather than spin
            }
        }
        buffer.clear()
    }
}
