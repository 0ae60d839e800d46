import Foundation
import MotivationEngine
import NIOCore
import Testing

@testable import EngineAPI

@Suite("JSONWriter")
struct JSONWriterTests {
    // MARK: Strings

    /// Quotes, backslashes, every control character, HTML, non-ASCII and emoji.
    static let awkward =
        "say \"hi\" \\ back\\slash </script> / "
        + String(decoding: (0x00...0x1F).map { UInt8($0) }, as: UTF8.self)
        + " \u{7F} ä é 漢 👩‍👩‍👧 🇨🇭 end"

    @Test(
        "strings round-trip through JSONDecoder and JSONSerialization",
        arguments: ["", "plain", "ä", "\u{0}", "\"", "\\", "\\\"", "\u{1F}x", JSONWriterTests.awkward])
    func strings(string: String) throws {
        let data = try Self.json { w in
            w.beginArray(); w.value(string); w.endArray()
        }
        #expect(try JSONDecoder().decode([String].self, from: data) == [string])
        #expect(try JSONSerialization.jsonObject(with: data) as? [String] == [string])
    }

    @Test("escapes are the short forms where JSON has them, else \\u00XX; the rest stays as is")
    func escapes() throws {
        let data = try Self.json { w in w.value("\"\\\u{8}\t\n\u{C}\r\u{0}\u{1B}\u{1F} </é>") }
        #expect(String(decoding: data, as: UTF8.self) == #""\"\\\b\t\n\f\r\u0000\u001b\u001f </é>""#)
    }

    // MARK: Numbers

    static let sampleDoubles: [Double] = [
        0, -0.0, 1, -1, 150_000, 0.91, 1e-5, 1e-300, 5e20, 0x1p53, 0x1p53 + 2, -0x1p53, 0x1p53 - 1, 1e16, 0.1 + 0.2,
        -123.456, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, .leastNormalMagnitude,
    ]

    @Test("doubles round-trip bit for bit through JSONDecoder and JSONSerialization", arguments: sampleDoubles)
    func doubles(double: Double) throws {
        let data = try Self.json { w in
            w.beginArray(); try w.value(double); w.endArray()
        }
        let decoded = try JSONDecoder().decode([Double].self, from: data)
        #expect(decoded.map(\.bitPattern) == [double.bitPattern], "\(String(decoding: data, as: UTF8.self))")
        // JSONSerialization parses some numbers inexactly on Linux: compare with its reading of JSONEncoder's text.
        let parsed = try JSONSerialization.jsonObject(with: data) as! [NSNumber]
        let reference = try JSONSerialization.jsonObject(with: JSONEncoder().encode([double])) as! [NSNumber]
        #expect(parsed.map(\.doubleValue.bitPattern) == reference.map(\.doubleValue.bitPattern))
    }

    @Test("integral doubles below 2^53 are integers, others Swift's shortest form")
    func doubleForms() throws {
        let data = try Self.json { w in
            w.beginArray()
            for double in [150_000, -0.0, 0.91, 1e-5, 5e20, 0x1p53 - 1, 0x1p53] { try w.value(double) }
            w.endArray()
        }
        #expect(
            String(decoding: data, as: UTF8.self)
                == "[150000,-0,0.91,1e-05,5e+20,9007199254740991,9007199254740992.0]")
    }

    @Test("integers round-trip", arguments: [0, 1, -1, 9, 10, -10, 150_000, Int.min, Int.max, Int.min + 1])
    func integers(int: Int) throws {
        let data = try Self.json { w in
            w.beginArray(); w.value(int); w.endArray()
        }
        #expect(String(decoding: data, as: UTF8.self) == "[\(int)]")
        #expect(try JSONDecoder().decode([Int].self, from: data) == [int])
        #expect(try JSONSerialization.jsonObject(with: data) as? [Int] == [int])
    }

    @Test("NaN and infinities are refused, naming the key", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(double: Double) throws {
        var writer = JSONWriter(buffer: ByteBufferAllocator().buffer(capacity: 0))
        writer.beginObject()
        writer.key(ClusterPrediction.Key.confidence)
        let error = #expect(throws: JSONWriterError.self) { try writer.value(double) }
        #expect(error?.key == "confidence")
        #expect(error?.description.contains("\(double)") == true)
    }

    // MARK: Structure

    @Test("commas, nesting, Booleans and optionals")
    func structure() throws {
        let data = try Self.json { w in
            w.beginObject()
            w.key(Key.a); w.beginArray()
            w.value(1); w.beginArray(); w.value(true); w.value(false); w.endArray(); w.beginObject(); w.endObject()
            w.beginArray(); w.endArray()
            w.endArray()
            w.key(Key.b); w.beginObject(); w.key(Key.c); w.null(); w.endObject()
            w.key(Key.d); try w.value(nil as Double?)
            w.key(Key.e); try w.value(2.5 as Double?)
            w.key(Key.f); w.value(nil as Int?); w.key(Key.g); w.value(3 as Int?)
            w.key(Key.h); w.value(nil as String?); w.key(Key.i); w.value("x" as String?)
            w.key(Key.j); w.value(nil as Bool?); w.key(Key.k); w.value(true as Bool?)
            w.endObject()
        }
        #expect(
            String(decoding: data, as: UTF8.self) == #"""
                {"a":[1,[true,false],{},[]],"b":{"c":null},"d":null,"e":2.5,"f":null,"g":3,"h":null,"i":"x","j":null,"k":true}
                """#)
        #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
    }

    // MARK: Helpers

    /// What `build` writes, starting from a tiny buffer so that growing it is exercised.
    static func json(_ build: (inout JSONWriter) throws -> Void) throws -> Data {
        var writer = JSONWriter(buffer: ByteBufferAllocator().buffer(capacity: 4))
        try build(&writer)
        return data(writer.buffer)
    }

    /// The buffer's readable bytes.
    static func data(_ buffer: ByteBuffer) -> Data {
        Data(buffer.readableBytesView)
    }
}

/// The keys of the structure test.
private enum Key: WireKey {
    case a, b, c, d, e, f, g, h, i, j, k

    var name: StaticString {
        switch self {
        case .a: "a"
        case .b: "b"
        case .c: "c"
        case .d: "d"
        case .e: "e"
        case .f: "f"
        case .g: "g"
        case .h: "h"
        case .i: "i"
        case .j: "j"
        case .k: "k"
        }
    }
}
