import EngineServer
import Foundation
import Hummingbird
import Mustache

/// The dashboard's Mustache templates (`Resources/Templates/*.mustache`), read once.
struct DashboardTemplates: Sendable {
    private let library: MustacheLibrary

    /// Reads every template of the bundle.
    /// - Throws: when a template is missing or does not parse (a packaging bug).
    init() throws {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil, subdirectory: "Resources") else {
            throw DashboardError.missingTemplates
        }
        var library = MustacheLibrary()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
    }

    /// `page` rendered with its template (values are HTML-escaped by `{{…}}`).
    func render(_ page: some DashboardPage, status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = library.render(page, withTemplate: type(of: page).template) else { throw DashboardError.missingTemplates }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// A dashboard page's context: the values its Mustache template reads.
protocol DashboardPage {
    /// The name of its template (`Resources/Templates/<template>.mustache`).
    static var template: String { get }
}

/// A dashboard that cannot render.
enum DashboardError: Error {
    case missingTemplates
}
