import Foundation
import MotivationEngine
import NIOCore

/// Decodes analysis input JSON: the fast `AnalysisInputReader` for the shape callers send,
/// `JSONDecoder` for anything else, whose failures become `AnalysisError.invalidField` messages
/// that name the field.
public enum AnalysisInputDecoding {
    /// Decodes one player's input from a request body.
    /// - Throws: `AnalysisError.invalidField` naming the field at fault.
    public static func decode(_ body: ByteBuffer) throws -> AnalysisInput {
        if let input = body.withUnsafeReadableBytes(AnalysisInputReader.read) { return input }
        return try decode(Data(body.readableBytesView))
    }

    /// Decodes one player's input with `JSONDecoder`.
    /// - Throws: `AnalysisError.invalidField` naming the field at fault.
    public static func decode(_ data: Data) throws -> AnalysisInput {
        do {
            return try JSONDecoder().decode(AnalysisInput.self, from: data)
        } catch let error as DecodingError {
            throw AnalysisError(error)
        }
    }
}
