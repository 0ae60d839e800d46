import Foundation

/// A file written in chunks (or standard output for `-`), created or truncated on open.
final class OutputFile {
    private let handle: FileHandle
    private let path: String

    init(path: String) throws {
        self.path = path
        if path == "-" {
            handle = .standardOutput
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw FileError(description: "cannot write '\(path)'")
        }
        self.handle = handle
    }

    func write(_ bytes: [UInt8]) throws {
        try handle.write(contentsOf: bytes)
    }

    func close() throws {
        if path != "-" { try handle.close() }
    }
}
