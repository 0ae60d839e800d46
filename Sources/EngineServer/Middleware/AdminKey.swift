import Foundation
import Hummingbird

/// The admin key that protects the routes that change the service (`POST /v1/models/reload`).
/// Compared in constant time; never logged (its description hides it).
public struct AdminKey: Sendable, CustomStringConvertible {
    private let bytes: [UInt8]

    /// A key of at least 16 characters.
    /// - Throws: `ServerConfigurationError.weakAdminKey` for a shorter one.
    public init(_ key: String) throws {
        let trimmed = key.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count >= 16 else { throw ServerConfigurationError.weakAdminKey }
        bytes = Array(trimmed.utf8)
    }

    /// Whether the request carries `Authorization: Bearer <key>`: the scheme in any case and one
    /// or more spaces before the key (RFC 9110 §11.1, §11.4).
    func authorizes(_ request: Request) -> Bool {
        guard let header = request.headers[.authorization], let space = header.firstIndex(of: " "),
            header[..<space].lowercased() == "bearer"
        else { return false }
        return Self.constantTimeEqual(Array(header[space...].drop(while: { $0 == " " }).utf8), bytes)
    }

    /// Equality whose time depends only on the lengths, not on where the bytes differ.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0 && a.count == b.count
    }

    /// Never the key itself, so that logging a configuration cannot leak it.
    public var description: String { "AdminKey(***)" }
}
