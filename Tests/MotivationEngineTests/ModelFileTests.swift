import Foundation
import TestSupport
import Testing

@testable import MotivationEngine

@Suite("Model files")
struct ModelFileTests {
    static func canonical(_ model: SegmentModel) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(model)
    }

    @Test("written atomically as versioned JSON and read back equal")
    func roundTrip() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try ModelFileStore.write(Fixtures.model, to: directory)
        #expect(url.lastPathComponent == "DualFlow_-1_10.json")
        // Overwriting keeps one file and leaves no temporary file behind.
        try ModelFileStore.write(Fixtures.model, to: directory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["DualFlow_-1_10.json"])

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        #expect(json["format"] as? Int == 2)
        #expect(SegmentModel.currentFormat == 2)
        #expect(json["age_curve"] != nil)

        let read = try ModelFileStore.read(url)
        #expect(read.format == 2)
        #expect(read.ageCurve == Fixtures.model.ageCurve)
        #expect(read.id == Fixtures.model.id)
        #expect(read.trainedAt == Fixtures.model.trainedAt)
        #expect(read.mixture == Fixtures.model.mixture)
        #expect(read.scaler == Fixtures.model.scaler)
        #expect(read.percentiles == Fixtures.model.percentiles)
        #expect(read.clusters == Fixtures.model.clusters)
        #expect(read.targetPolicy == Fixtures.model.targetPolicy)
        #expect(read.cleaning == Fixtures.model.cleaning)
        #expect(try Self.canonical(read) == Self.canonical(Fixtures.model))
        // The id is the content hash of what was read.
        #expect(try ModelIdentity.id(of: read) == read.id)
    }

    /// The model's JSON object, changed by `edit`, written to a file; returns the file.
    static func editedFile(in directory: URL, _ edit: (inout [String: Any]) -> Void) throws -> URL {
        var json = try JSONSerialization.jsonObject(with: ModelFileCoding.encoder.encode(Fixtures.model)) as! [String: Any]
        edit(&json)
        let url = directory.appendingPathComponent("edited-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        return url
    }

    static func error(reading url: URL) -> ModelFileError? {
        do {
            _ = try ModelFileStore.read(url)
            return nil
        } catch {
            return error as? ModelFileError
        }
    }

    @Test("an unedited re-serialised file loads (the control for the edits below)")
    func control() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try Self.editedFile(in: directory) { _ in }
        let model = try ModelFileStore.read(url)
        #expect(model.id == Fixtures.model.id)
    }

    @Test("corrupt, truncated, future-format and missing files are errors naming the file")
    func unreadable() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try ModelFileCoding.encoder.encode(Fixtures.model)

        let corrupt = directory.appendingPathComponent("corrupt.json")
        try Data("{\"format\": 1, \"id\": ]".utf8).write(to: corrupt)
        let truncated = directory.appendingPathComponent("truncated.json")
        try good.prefix(good.count / 2).write(to: truncated)
        let future = try Self.editedFile(in: directory) { $0["format"] = 3 }
        let noFormat = try Self.editedFile(in: directory) { $0["format"] = nil }
        let missing = directory.appendingPathComponent("missing.json")

        for (url, words) in [
            (corrupt, ["JSON"]), (truncated, ["JSON"]), (future, ["format 3", "upgrade"]), (noFormat, ["format"]),
            (missing, ["read"]),
        ] {
            let error = Self.error(reading: url)
            #expect(error?.file == url.path, "\(url.lastPathComponent)")
            for word in words {
                #expect(error?.problem.contains(word) == true, "\(url.lastPathComponent): \(error?.problem ?? "no error")")
            }
            #expect(error.map { "\($0)" }?.hasPrefix(url.path) == true)
        }
    }

    @Test("hand-edited inconsistent files are errors naming the file and the problem")
    func inconsistent() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        typealias Edit = (inout [String: Any]) -> Void
        func edit(_ key: String, _ change: @escaping (inout [String: Any]) -> Void) -> Edit {
            { json in
                var part = json[key] as! [String: Any]
                change(&part)
                json[key] = part
            }
        }
        let cases: [(name: String, edit: Edit, words: [String])] = [
            (
                "cluster removed", { json in json["clusters"] = (json["clusters"] as! [Any]).dropLast().map { $0 } },
                ["clusters"]
            ),
            (
                "components not ordered by score",
                edit("mixture") { mixture in
                    var means = mixture["means"] as! [[Double]]
                    means.swapAt(0, 3)
                    mixture["means"] = means
                }, ["ordered by the mean of their first feature"]
            ),
            (
                "age curve with a negative spread",
                edit("age_curve") { curve in
                    var s = curve["s"] as! [Double]
                    s[1] = -0.1
                    curve["s"] = s
                }, ["age_curve", "positive"]
            ),
            (
                "age curve ages not increasing",
                edit("age_curve") { curve in
                    var ages = curve["ages"] as! [Double]
                    ages.swapAt(0, 1)
                    curve["ages"] = ages
                }, ["age_curve.ages"]
            ),
            (
                "age curve power that leaves the transform undefined",
                edit("age_curve") { curve in
                    curve["l"] = 40.0
                }, ["age_curve.l"]
            ),
            ("age-graded levels without a curve", { json in json["age_curve"] = nil }, ["age_curve"]),
            (
                "a scaler weight of zero",
                edit("scaler") { scaler in
                    scaler["weights"] = [1.0, 0.0]
                }, ["scaler.weights"]
            ),
            (
                "100 percentiles",
                edit("percentiles") { table in
                    table["scores"] = (table["scores"] as! [Double]).dropLast().map { $0 }
                }, ["101"]
            ),
            (
                "decreasing percentiles",
                edit("percentiles") { table in
                    var scores = table["scores"] as! [Double]
                    scores.swapAt(10, 90)
                    table["scores"] = scores
                }, ["non-decreasing"]
            ),
            (
                "scaler length mismatch",
                edit("scaler") { scaler in
                    scaler["mean"] = (scaler["mean"] as! [Double]).dropLast().map { $0 }
                }, ["scaler"]
            ),
            (
                "negative scaler variance",
                edit("scaler") { scaler in
                    var std = scaler["std"] as! [Double]
                    std[1] = -std[1]
                    scaler["std"] = std
                }, ["standard deviations"]
            ),
            (
                "negative mixture variance",
                edit("mixture") { mixture in
                    var covariances = mixture["covariances"] as! [[[Double]]]
                    covariances[2][0][0] = -1
                    mixture["covariances"] = covariances
                }, ["mixture"]
            ),
            ("missing field", { json in json["percentiles"] = nil }, ["percentiles"]),
            (
                "target ladder of the wrong length",
                edit("target_policy") { policy in
                    var ladder = policy["ladder"] as! [String: Any]
                    ladder["ranges"] = (ladder["ranges"] as! [Any]).dropLast().map { $0 }
                    policy["ladder"] = ladder
                }, ["ladder"]
            ),
        ]
        for item in cases {
            let url = try Self.editedFile(in: directory, item.edit)
            let error = Self.error(reading: url)
            #expect(error != nil, "\(item.name) loaded")
            #expect(error?.file == url.path, "\(item.name)")
            for word in item.words {
                #expect(error?.problem.contains(word) == true, "\(item.name): \(error?.problem ?? "no error")")
            }
        }
    }
}
