import Foundation
import TestSupport
import Testing

@testable import MotivationEngine

@Suite("Model registry")
struct RegistryTests {
    static let other = SegmentKey(gameMode: "Classic", difficulty: 2, durationMinutes: 5)

    static func model(for segment: SegmentKey) -> SegmentModel {
        var model = Fixtures.model
        model.segment = segment
        return model
    }

    @Test("with one model, the segment parts may be omitted")
    func oneModel() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try ModelFileStore.write(Fixtures.model, to: directory)
        let registry = try ModelRegistry.load(from: directory)
        #expect(Array(registry.engines.keys) == [Fixtures.segment])
        let bare = try registry.analyze(AnalysisInput(score: 61_000, age: 30, startSpeed: 4))
        let full = try registry.analyze(
            AnalysisInput(
                gameMode: "DualFlow", difficulty: -1, durationMinutes: 10, score: 61_000, age: 30, startSpeed: 4))
        #expect(bare == full)
        #expect(bare.segment == Fixtures.segment)
        _ = try registry.engine(for: AnalysisInput(gameMode: "DualFlow", score: 1))
    }

    @Test("an unknown segment lists the loaded ones")
    func unknown() throws {
        let registry = ModelRegistry(engines: [Fixtures.segment: Fixtures.engine])
        do {
            _ = try registry.analyze(AnalysisInput(gameMode: "Classic", difficulty: 2, durationMinutes: 5, score: 1))
            Issue.record("an unknown segment was accepted")
        } catch AnalysisError.unknownSegment(let requested, let available) {
            #expect(requested.contains("Classic"))
            #expect(available == [Fixtures.segment.description])
        }
        #expect(throws: AnalysisError.self) {
            try registry.engine(for: AnalysisInput(durationMinutes: 12, score: 1))
        }
    }

    @Test("two models and no segment is ambiguous; naming the segment picks the model")
    func twoModels() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try ModelFileStore.write(Fixtures.model, to: directory)
        try ModelFileStore.write(Self.model(for: Self.other), to: directory)
        let registry = try ModelRegistry.load(from: directory)
        #expect(registry.engines.count == 2)
        let available = [Fixtures.segment.description, Self.other.description].sorted()
        #expect(throws: AnalysisError.ambiguousSegment(available: available)) {
            try registry.analyze(AnalysisInput(score: 61_000))
        }
        let picked = try registry.analyze(AnalysisInput(gameMode: "Classic", score: 61_000))
        #expect(picked.segment == Self.other)
        let first = try registry.analyze(AnalysisInput(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10, score: 61_000))
        #expect(first.segment == Fixtures.segment)
    }

    @Test("an empty folder and a bad file are ModelFileErrors")
    func loadErrors() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: ModelFileError.self) { try ModelRegistry.load(from: directory) }
        let bad = directory.appendingPathComponent("bad.json")
        try Data("{".utf8).write(to: bad)
        let error = #expect(throws: ModelFileError.self) { try ModelRegistry.load(from: directory) }
        #expect(error?.file == bad.path)
    }
}
