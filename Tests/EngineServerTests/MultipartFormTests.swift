import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EngineDashboard
@testable import EngineServer

/// The batch page's multipart reader: the forms browsers and curl send are read, and anything
/// else is refused with a reason, in time linear in the body; the request that used to kill the
/// server (multipart-kit trapped on a byte from 0x80 in a part's header name) is a 400 page.
@Suite("MultipartForm")
struct MultipartFormTests {
    static func read(_ body: String, boundary: String = "B") throws(MultipartFormError) -> [String: String] {
        try read(Array(body.utf8), boundary: boundary)
    }

    static func read(_ body: [UInt8], boundary: String = "B") throws(MultipartFormError) -> [String: String] {
        let form = try MultipartForm(boundary: Array(boundary.utf8), body: body)
        return form.fields.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test("the batch page's form as a browser sends it")
    func browserForm() throws {
        let fields = try Self.read(Multipart.form(file: "score\n150000\n"), boundary: Multipart.boundary)
        #expect(fields == ["file": "score\n150000\n", "segment": "DualFlow_-1_10", "language": "en"])
    }

    @Test("a preamble, an epilogue, padding after a boundary, headers in any case, quoted and escaped names, UTF-8 file names")
    func lenientButValid() throws {
        let body =
            "ignored preamble\r\n--B  \t\r\n"
            + "content-disposition:form-data;name=\"file\"; filename=\"Zürich \\\"1\\\".csv\"\r\nCONTENT-TYPE: text/csv\r\n\r\nscore\r\n1\r\n"
            + "--B\r\nContent-Disposition: FORM-DATA; name=segment;\r\n\r\n\r\n"
            + "--B--\r\nignored epilogue\r\n--B\r\n"
        #expect(try Self.read(body) == ["file": "score\r\n1", "segment": ""])
        #expect(try Self.read("--B--") == [:])
    }

    @Test(
        "the boundary comes from Content-Type, quoted or not, in any case",
        arguments: [
            ("multipart/form-data; boundary=B", "B"), ("Multipart/Form-Data;BOUNDARY=\"a b:c?\"", "a b:c?"),
            ("multipart/form-data; charset=utf-8; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW", "----WebKitFormBoundary7MA4YWxkTrZu0gW"),
            ("multipart/form-data; boundary=" + String(repeating: "x", count: 70), String(repeating: "x", count: 70)),
        ])
    func boundary(contentType: String, boundary: String) throws {
        #expect(try MultipartForm.boundary(in: contentType) == Array(boundary.utf8))
    }

    @Test(
        "a content type without a usable boundary is refused, naming the problem",
        arguments: [
            (nil, "Send the form as multipart/form-data"), ("text/csv", "Send the form"), ("multipart/mixed; boundary=B", "Send the form"),
            ("multipart/form-data", "one boundary parameter"), ("multipart/form-data; boundary=", "one boundary parameter"),
            ("multipart/form-data; boundary=\"a", "one boundary parameter"),
            ("multipart/form-data; boundary=a; boundary=b", "one boundary parameter"),
            ("multipart/form-data; boundary=a\u{0}b", "one boundary parameter"),
            ("multipart/form-data-x; boundary=B", "one boundary parameter"),
            ("multipart/form-data; boundary=\"\"", "1 to 70"),
            ("multipart/form-data; boundary=" + String(repeating: "x", count: 71), "1 to 70"),
            ("multipart/form-data; boundary=\"ends \"", "space"), ("multipart/form-data; boundary=\"a\u{80}\"", "RFC 2046"),
        ] as [(String?, String)])
    func badBoundary(contentType: String?, problem: String) {
        #expect {
            try MultipartForm.boundary(in: contentType)
        } throws: { error in
            "\(error)".contains(problem)
        }
    }

    @Test(
        "a body that is not a form of named parts is refused, naming the problem",
        arguments: [
            ("", "no line --B"), ("just text", "no line --B"), ("--B\r\n\u{80}: x\r\n\r\nv\r\n--B--\r\n", "'Name: value'"),
            ("--B\r\n: x\r\n\r\nv\r\n--B--\r\n", "'Name: value'"), ("--B\r\nNo colon\r\n\r\nv\r\n--B--\r\n", "'Name: value'"),
            ("--B\r\n Content-Disposition: form-data; name=a\r\n\r\nv\r\n--B--\r\n", "'Name: value'"),
            ("--B\r\nContent-Disposition: form-data; name=\"a\u{0}\"\r\n\r\nv\r\n--B--\r\n", "control character"),
            ("--B\r\nContent-Disposition: form-data; name=a\rx\r\n\r\nv\r\n--B--\r\n", "control character"),
            ("--B\r\nContent-Type: text/csv\r\n\r\nv\r\n--B--\r\n", "no Content-Disposition"),
            ("--B\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--B--\r\n", "form-data"),
            ("--B\r\nContent-Disposition: form-data; filename=a.csv\r\n\r\nv\r\n--B--\r\n", "form-data"),
            ("--B\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: form-data; name=b\r\n\r\nv\r\n--B--\r\n", "form-data"),
            ("--B\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--B--\r\n", "form-data"),
            (
                "--B\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--B\r\nContent-Disposition: form-data; name=a\r\n\r\nw\r\n--B--",
                "sent twice"
            ),
            ("--B\r\nContent-Disposition: form-data; name=a\r\n\r\nv", "closing line --B--"),
            ("--B\r\nContent-Disposition: form-data; name=a", "empty line"),
            ("--Bx\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--B--", "goes on"),
            ("--B\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--B-", "goes on"),
        ])
    func badBody(body: String, problem: String) {
        #expect {
            try Self.read(body)
        } throws: { error in
            "\(error)".hasPrefix("The upload cannot be read: ") && "\(error)".contains(problem)
        }
    }

    @Test("invalid UTF-8 and NUL in a part's content are the content's business (the CSV reader's)")
    func binaryContent() throws {
        let content: [UInt8] = [0x00, 0xFF, 0xC3, 0x0D, 0x2D, 0x2D, 0x42, 0x80]
        let body = Array("--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n".utf8) + content + Array("\r\n--B--\r\n".utf8)
        let form = try MultipartForm(boundary: Array("B".utf8), body: body)
        #expect(form.fields["file"].map(Array.init) == content)
    }

    @Test("8 MiB of small parts holding near-boundaries is read in linear time")
    func largeForm() throws {
        let boundary = String(repeating: "-", count: 69) + "x"
        let near = "\r\n--" + String(repeating: "-", count: 69) + "y"
        var body: [UInt8] = []
        var count = 0
        while body.count < 8 * 1_048_576 {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"f\(count)\"\r\n\r\n\(near)\r\n".utf8)
            count += 1
        }
        body += Array("--\(boundary)--\r\n".utf8)
        let start = ContinuousClock.now
        let form = try MultipartForm(boundary: Array(boundary.utf8), body: body)
        #expect(form.fields.count == count)
        #expect(form.fields["f0"].map { String(decoding: $0, as: UTF8.self) } == near)
        // About a second in a debug build; a search restarted from the start of the body, or the
        // fields rebuilt for each part (as multipart-kit's nested names were), would take minutes.
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    @Test("the request that killed the server is a 400 page; in a child process, so that a crash fails only this test")
    func crashCase() async {
        await #expect(processExitsWith: .success) {
            try await MultipartFormTests.crashCaseAnswersBadRequest()
        }
    }

    /// Posts `--B\r\n\x80: x\r\n\r\nv\r\n--B--\r\n` to `/batch`; exits with 0 when the answer is a 400
    /// page naming the problem and a valid upload is still scored, else 1.
    static func crashCaseAnswersBadRequest() async throws {
        let body: [UInt8] = Array("--B\r\n".utf8) + [0x80] + Array(": x\r\n\r\nv\r\n--B--\r\n".utf8)
        try await withServer(try await ServerFixture.shared.configuration(database: false)) { client in
            let refused = try await client.execute(
                uri: "/batch", method: .post, headers: [.contentType: "multipart/form-data; boundary=B"], body: ByteBuffer(bytes: body)
            ) { response in
                response.status == .badRequest && response.headers[.contentType]?.hasPrefix("text/html") == true
                    && String(buffer: response.body).contains("The upload cannot be read: a part&#39;s header line")
            }
            let scored = try await client.execute(
                uri: "/batch", method: .post, headers: Multipart.headers, body: .text(Multipart.form(file: "score\n150000\n"))
            ) { $0.status == .ok }
            exit(refused && scored ? 0 : 1)
        }
    }

    @Test(
        "a bad upload is a 400 page naming the problem, never a 500",
        arguments: [
            ("multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=file\r\n\r\nscore\n1\n", "closing line"),
            ("multipart/form-data; boundary=\"\"", "--B--", "1 to 70"),
            ("text/plain", "score\n1\n", "multipart/form-data"),
        ])
    func badUploadPage(contentType: String, body: String, problem: String) async throws {
        try await withServer(try await ServerFixture.shared.configuration(database: false)) { client in
            try await client.execute(uri: "/batch", method: .post, headers: [.contentType: contentType], body: .text(body)) { response in
                #expect(response.status == .badRequest)
                let page = String(buffer: response.body)
                #expect(page.contains(#"<span class="error" role="alert">"#) && page.contains(problem), "\(page)")
            }
        }
    }
}
