import Foundation

/// The models of a folder, one per segment, and the choice of the model for a request.
public struct ModelRegistry: Sendable {
    /// Engines by segment.
    public let engines: [SegmentKey: SegmentEngine]

    /// A registry of `engines`, by segment.
    public init(engines: [SegmentKey: SegmentEngine]) {
        self.engines = engines
    }

    /// Loads every `*.json` model file in `directory`; `personal` sets the personal targets of all.
    /// - Throws: `ModelFileError` naming the first file that cannot be used, or the folder when
    ///   it holds no model.
    public static func load(
        from directory: URL, catalog: MessageCatalog = .shared, personal: PersonalTargetSettings = .standard
    ) throws -> ModelRegistry {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            throw ModelFileError(file: directory.path, problem: "is not a readable folder")
        }
        var models: [(model: SegmentModel, origin: String)] = []
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let file = directory.appendingPathComponent(name)
            models.append((try ModelFileStore.read(file), file.path))
        }
        guard !models.isEmpty else {
            throw ModelFileError(file: directory.path, problem: "holds no model files; train first")
        }
        return try ModelRegistry(models: models, catalog: catalog, personal: personal)
    }

    /// A registry of `models`, each with where it came from (a file, a registry row) for errors;
    /// `personal` sets the personal targets of all.
    /// - Throws: `ModelFileError` naming the second model of a segment.
    public init(
        models: [(model: SegmentModel, origin: String)], catalog: MessageCatalog = .shared,
        personal: PersonalTargetSettings = .standard
    ) throws {
        var engines: [SegmentKey: SegmentEngine] = [:]
        for (model, origin) in models {
            if engines[model.segment] != nil {
                throw ModelFileError(file: origin, problem: "repeats segment \(model.segment)")
            }
            engines[model.segment] = SegmentEngine(model: model, catalog: catalog, personal: personal)
        }
        self.init(engines: engines)
    }

    /// The engine of the segment whose file stem (`SegmentKey.fileStem`, e.g. `DualFlow_-1_10`)
    /// is `name`, if loaded.
    public func engine(named name: String) -> SegmentEngine? {
        engines.values.first { $0.model.segment.fileStem == name }
    }

    /// The engine for the segment the input names; parts left out match any model, and must
    /// leave exactly one.
    /// - Throws: `AnalysisError.invalidField` for a duration that is not a positive number of
    ///   minutes; `.unknownSegment` or `.ambiguousSegment` when not exactly one model matches.
    public func engine(for input: AnalysisInput) throws -> SegmentEngine {
        let minutes = try input.durationMinutes.map { try Self.wholeMinutes($0) }
        let matches = engines.values.filter { engine in
            let segment = engine.model.segment
            return (input.gameMode.map { $0 == segment.gameMode } ?? true)
                && (input.difficulty.map { $0 == segment.difficulty } ?? true)
                && (minutes.map { $0 == segment.durationMinutes } ?? true)
        }
        if matches.count == 1 { return matches[0] }
        let available = engines.keys.map(\.description).sorted()
        if matches.isEmpty {
            let requested = [
                input.gameMode, input.difficulty.map { "difficulty \($0)" },
                input.durationMinutes.map { "\($0) min" },
            ].compactMap { $0 }.joined(separator: " · ")
            throw AnalysisError.unknownSegment(requested: requested, available: available)
        }
        throw AnalysisError.ambiguousSegment(available: available)
    }

    /// `duration_minutes` as the whole minutes of a segment.
    /// - Throws: `AnalysisError.invalidField` unless it is a positive number of minutes, at most a day.
    static func wholeMinutes(_ minutes: Double) throws(AnalysisError) -> Int {
        guard let whole = SegmentKey.wholeMinutes(minutes) else {
            throw .invalidField(
                name: "duration_minutes",
                problem: "must be a positive number of minutes, at most a day, got \(InputValidation.plain(minutes))")
        }
        return whole
    }

    /// Finds the model for the input and analyses it (`showTarget`: see `SegmentEngine.analyze`).
    public func analyze(_ input: AnalysisInput, language: Language = .en, showTarget: Bool = true) throws -> Analysis {
        try engine(for: input).analyze(input, language: language, showTarget: showTarget)
    }
}
