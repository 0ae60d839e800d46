import Foundation

/// The OpenAPI 3.1 document of the HTTP API (`Resources/openapi.yaml`), the contract the wire
/// types are tested against.
public enum OpenAPIDocument {
    /// The document's bytes, read once; nil when the resource is missing from the build.
    public static let bytes: Data? = Bundle.module
        .url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources")
        .flatMap { try? Data(contentsOf: $0) }
}
