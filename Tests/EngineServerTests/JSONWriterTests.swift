import Foundation
import MotivationEngine
import NIOCore
import Testing
@testable import EngineServer

@Suite("JSONWriter")
struct JSONWriterTests {
    // MARK: Analysis

    @Test("every analysis decodes to the same value as JSONEncoder's, with the same objects and keys")
    func analyses() throws {
        let analyses = try Model.analyses()
        for analysis in analyses {
            let ours = try Self.data(JSONWriter.encode(analysis, allocator: ByteBufferAllocator()))
            let theirs = try JSONEncoder().encode(analysis)
            #expect(try JSONDecoder().decode(Analysis.self, from: ours) == analysis)
            let ourObject = try JSONSerialization.jsonObject(with: ours)
            let theirObject = try JSONSerialization.jsonObject(with: theirs)
            #expect(NSDictionary(dictionary: ourObject as! [String: Any]).isEqual(to: theirObject as! [String: Any]))
        }
        // The inputs reach every cluster, every null and every language.
        #expect(Set(analyses.map(\.clusterPrediction.cluster)) == Set(0..<Model.engine.model.clusters.count))
        #expect(analyses.contains { $0.playerData.age == nil && $0.playerData.startSpeed == nil })
        #expect(analyses.contains { $0.motivationalMessage.nextTargetPercentile == nil })
        #expect(analyses.contains { $0.motivationalMessage.targetReason.percentile == nil })
        #expect(Set(analyses.map(\.clusterPrediction.missingFeatures)).count > 1)
    }

    @Test("keys come in the order the Codable implementations encode them")
    func keyOrder() throws {
        for analysis in try Model.analyses() {
            let recorder = KeyRecorder()
            try analysis.encode(to: recorder)
            #expect(Self.keys(in: try Self.data(JSONWriter.encode(analysis))) == recorder.keys)
        }
    }

    @Test("strings anywhere in an analysis round-trip")
    func analysisStrings() throws {
        var analysis = try Model.engine.analyze(AnalysisInput(score: 60_000))
        analysis.motivationalMessage.message = Self.awkward
        analysis.motivationalMessage.targetReason.text = "\"\\\u{0}"
        analysis.clusterPrediction.clusterLabel = "漢 \u{1F}"
        analysis.model.id = ""
        let ours = try Self.data(JSONWriter.encode(analysis))
        #expect(try JSONDecoder().decode(Analysis.self, from: ours) == analysis)
    }

    // MARK: Strings

    /// Quotes, backslashes, every control character, HTML, non-ASCII and emoji.
    static let awkward = "say \"hi\" \\ back\\slash </script> / "
        + String(decoding: (0x00...0x1F).map { UInt8($0) }, as: UTF8.self)
        + " \u{7F} ä é 漢 👩‍👩‍👧 🇨🇭 end"

    @Test("strings round-trip through JSONDecoder and JSONSerialization",
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
        #expect(String(decoding: data, as: UTF8.self)
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
        writer.key("confidence")
        let error = #expect(throws: JSONWriterError.self) { try writer.value(double) }
        #expect(error?.key == "confidence")
        #expect(error?.description.contains("\(double)") == true)
    }

    @Test("an analysis with a non-finite number is refused")
    func nonFiniteAnalysis() throws {
        var analysis = try Model.engine.analyze(AnalysisInput(score: 60_000))
        analysis.clusterPrediction.probabilities[1] = .nan
        let error = #expect(throws: JSONWriterError.self) {
            try JSONWriter.encode(analysis)
        }
        #expect(error?.key == "probabilities")
    }

    // MARK: Structure

    @Test("commas, nesting, Booleans and optionals")
    func structure() throws {
        let data = try Self.json { w in
            w.beginObject()
            w.key("a"); w.beginArray()
            w.value(1); w.beginArray(); w.value(true); w.value(false); w.endArray(); w.beginObject(); w.endObject()
            w.beginArray(); w.endArray()
            w.endArray()
            w.key("b"); w.beginObject(); w.key("c"); w.null(); w.endObject()
            w.key("d"); try w.value(nil as Double?)
            w.key("e"); try w.value(2.5 as Double?)
            w.key("f"); w.value(nil as Int?); w.key("g"); w.value(3 as Int?)
            w.key("h"); w.value(nil as String?); w.key("i"); w.value("x" as String?)
            w.key("j"); w.value(nil as Bool?); w.key("k"); w.value(true as Bool?)
            w.endObject()
        }
        #expect(String(decoding: data, as: UTF8.self) == #"""
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

    /// The object keys of a JSON text in document order (keys must contain no escapes).
    static func keys(in json: Data) -> [String] {
        var keys: [String] = [], lastString = "", inString = false, escaped = false, start = 0
        let bytes = [UInt8](json)
        for (index, byte) in bytes.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    lastString = String(decoding: bytes[start..<index], as: UTF8.self)
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                start = index + 1
            } else if byte == UInt8(ascii: ":") {
                keys.append(lastString)
            }
        }
        return keys
    }
}

/// A small model trained on synthetic players: four well-separated score levels, ages
/// independent of the level (so the age-graded levels stay separated).
private enum Model {
    static let engine: SegmentEngine = {
        var random = LinearCongruential(state: 7)
        var records: [PlayerRecord] = []
        for player in 0..<240 {
            let level = Double(player % 4)
            let score = 20_000 + 40_000 * level + 4_000 * random.symmetric()
            let age = 34 + 5 * random.symmetric(), speed = 3 + 0.8 * level + 0.3 * random.symmetric()
            for workout in 0..<3 {
                records.append(PlayerRecord(
                    userId: "u\(player)", score: (score + 2_500 * random.symmetric()).rounded(),
                    age: age + Double(workout) * 0.05, startSpeed: speed + 0.1 * random.symmetric(), durationMinutes: 10))
            }
        }
        let segment = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10)
        do {
            let trainedAt = Date(timeIntervalSince1970: 1_750_000_000)
            let model = try SegmentTrainer().train(records, segment: segment, trainedAt: trainedAt)
            return SegmentEngine(model: model)
        } catch {
            fatalError("training the test model failed: \(error)")
        }
    }()

    /// Analyses across every level and status, with and without age, start speed and user id,
    /// in every language.
    static func analyses() throws -> [Analysis] {
        var analyses: [Analysis] = []
        let scores = [0, 1_000, 12_345.5, 20_000, 45_000, 60_000, 80_000, 100_000, 118_000, 140_000, 160_000, 400_000]
        for score in scores {
            for (age, speed) in [(nil, nil), (30, 4.5), (nil, 4.5), (41.25, nil)] as [(Double?, Double?)] {
                for userId in [nil, "u1"] {
                    for language in Language.allCases {
                        let input = AnalysisInput(score: score, age: age, startSpeed: speed, userId: userId)
                        analyses.append(try engine.analyze(input, language: language))
                    }
                }
            }
        }
        return analyses
    }
}

/// A deterministic generator for the synthetic players.
private struct LinearCongruential {
    var state: UInt64

    /// A value in [-1, 1), roughly uniform.
    mutating func symmetric() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 52) - 1
    }
}

/// An `Encoder` that records the keys a value encodes, in the order it encodes them. Values in
/// single-value containers are ignored: here they are all numbers, strings and raw-value enums.
private final class KeyRecorder: Encoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    var keys: [String] = []

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed(recorder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(recorder: self) }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single() }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let recorder: KeyRecorder
        var codingPath: [any CodingKey] = []

        mutating func encodeNil(forKey key: Key) { recorder.keys.append(key.stringValue) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            recorder.keys.append(key.stringValue)
            try value.encode(to: recorder)
        }

        mutating func nestedContainer<Nested: CodingKey>(
            keyedBy _: Nested.Type, forKey key: Key
        ) -> KeyedEncodingContainer<Nested> {
            recorder.keys.append(key.stringValue)
            return recorder.container(keyedBy: Nested.self)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            recorder.keys.append(key.stringValue)
            return recorder.unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { recorder }

        mutating func superEncoder(forKey key: Key) -> any Encoder { recorder }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let recorder: KeyRecorder
        var codingPath: [any CodingKey] = []
        var count = 0

        mutating func encodeNil() { count += 1 }

        mutating func encode<T: Encodable>(_ value: T) throws {
            count += 1
            try value.encode(to: recorder)
        }

        mutating func nestedContainer<Nested: CodingKey>(keyedBy _: Nested.Type) -> KeyedEncodingContainer<Nested> {
            recorder.container(keyedBy: Nested.self)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { recorder.unkeyedContainer() }

        mutating func superEncoder() -> any Encoder { recorder }
    }

    struct Single: SingleValueEncodingContainer {
        var codingPath: [any CodingKey] = []

        mutating func encodeNil() {}

        mutating func encode<T: Encodable>(_: T) {}
    }
}
