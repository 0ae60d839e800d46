import Foundation
import MotivationEngine
import SQLKit

/// The model registry's SQL on one connection: publishing, listing, activating and rolling back
/// versions in `engine_models`, and reading the active ones. Every change runs in one
/// transaction that leaves at most one active model per segment (a unique index says so too)
/// and, on PostgreSQL, notifies `ModelRegistryQuery.channel` at its commit, so that serving
/// replicas switch at once.
public struct ModelRegistryQuery: Sendable {
    /// The PostgreSQL notification channel of activations; the payload is the activated id.
    public static let channel = "engine_models"

    private let database: any SQLDatabase
    private let backend: SQLBackend

    /// The registry in `database` (run `EngineSchema.migrate` first).
    public init(_ database: any SQLDatabase) {
        self.database = database
        backend = SQLBackend(database)
    }

    /// Stores `models` as new versions of their segments and, if `activate`, makes them the
    /// active ones, all in one transaction: replicas switch to all of them at once.
    /// - Returns: what happened to each model, in order.
    /// - Throws: `ModelFileError` when a model does not survive its own encoding (nothing is
    ///   then stored); `ModelRegistryError.notMigrated`; database errors.
    @discardableResult
    public func publish(_ models: [SegmentModel], activate: Bool, at now: Date = Date()) async throws -> [PublishOutcome] {
        let bodies = try models.map { model in
            let body = try ModelFileStore.encode(model)
            _ = try ModelFileStore.decode(body, file: "model \(model.id)")
            return String(decoding: body, as: UTF8.self)
        }
        return try await transaction {
            var outcomes: [PublishOutcome] = []
            for (model, body) in zip(models, bodies) {
                let stored = try await exists(model.id)
                if !stored { try await insert(model, body: body, at: now) }
                if activate { try await makeActive(model.id, segment: model.segment, at: now) }
                outcomes.append(stored ? .alreadyPublished : .published)
            }
            return outcomes
        }
    }

    private func insert(_ model: SegmentModel, body: String, at now: Date) async throws {
        try await database.raw(
            """
            INSERT INTO engine_models (id, game_mode, difficulty, duration_minutes, trained_at, engine_version, players, \
            model_json, format, published_at, active) VALUES (\(bind: model.id), \(bind: model.segment.gameMode), \
            \(bind: model.segment.difficulty), \(bind: model.segment.durationMinutes), 
            """ + time(model.trainedAt) + ", \(bind: model.engineVersion), \(bind: model.rows.players), \(bind: body), "
                + "\(bind: model.format), " + time(now) + ", FALSE)"
        ).run()
    }

    /// Every stored version, newest publication first within each segment, segments by name.
    public func list() async throws -> [PublishedModel] {
        try await versions().sorted(by: Self.listOrder)
    }

    /// The stored versions without their bodies, of the one model `id` when given.
    private func versions(id: String? = nil) async throws -> [PublishedModel] {
        try await translatingSchemaErrors {
            let time = { (column: String) in SQLDialectPieces.milliseconds(column, backend) }
            var query: SQLQueryString = """
                SELECT id, game_mode, difficulty, duration_minutes, format, engine_version, players, \
                \(unsafeRaw: time("trained_at")) AS trained_ms, \(unsafeRaw: time("published_at")) AS published_ms, \
                CASE WHEN active THEN 1 ELSE 0 END AS is_active, \(unsafeRaw: time("activated_at")) AS activated_ms FROM engine_models
                """
            if let id { query = query + " WHERE id = \(bind: id)" }
            return try await database.raw(query).all().map(Self.published)
        }
    }

    /// Segments by name; within a segment, the newest publication first (then by id).
    private static func listOrder(_ a: PublishedModel, _ b: PublishedModel) -> Bool {
        if a.segment.fileStem != b.segment.fileStem { return a.segment.fileStem < b.segment.fileStem }
        let (first, second) = (a.publishedAt ?? .distantPast, b.publishedAt ?? .distantPast)
        return first != second ? first > second : a.id > b.id
    }

    /// Makes the stored model `id` its segment's active one (the one active before stays stored).
    /// - Returns: the model, as it now stands.
    /// - Throws: `ModelRegistryError.unknownModel`; `ModelFileError` naming the model when its
    ///   body does not decode into a usable model (it is then not activated).
    @discardableResult
    public func activate(_ id: String, at now: Date = Date()) async throws -> PublishedModel {
        try await transaction {
            guard let row = try await database.raw("SELECT model_json FROM engine_models WHERE id = \(bind: id)").first() else {
                throw ModelRegistryError.unknownModel(id: id, known: try await list().map(\.id))
            }
            try await makeActive(id, segment: try Self.body(of: row, id: id).segment, at: now)
        }
        guard let activated = try await versions(id: id).first else { throw ModelRegistryError.unknownModel(id: id, known: []) }
        return activated
    }

    /// Brings back the version of `segment` (a `SegmentKey.fileStem`, e.g. `DualFlow_-1_10`)
    /// published just before the active one.
    /// - Returns: the model now active.
    /// - Throws: `ModelRegistryError` when the segment is unknown, has no active model or no
    ///   earlier version; `ModelFileError` when the earlier version's body does not decode.
    @discardableResult
    public func rollback(segment name: String, at now: Date = Date()) async throws -> PublishedModel {
        let versions = try await list()
        let ofSegment = versions.filter { $0.segment.fileStem == name }
        guard !ofSegment.isEmpty else {
            throw ModelRegistryError.unknownSegment(name, known: Array(Set(versions.map(\.segment.fileStem))).sorted())
        }
        guard let active = ofSegment.firstIndex(where: \.isActive) else { throw ModelRegistryError.nothingActive(segment: name) }
        // `list` orders a segment newest publication first: the next one is the one before.
        guard active + 1 < ofSegment.count else {
            throw ModelRegistryError.noEarlierVersion(segment: name, active: ofSegment[active].id)
        }
        return try await activate(ofSegment[active + 1].id, at: now)
    }

    /// The ids of the active models, sorted: a cheap way for a replica to notice a change.
    public func activeIds() async throws -> [String] {
        try await translatingSchemaErrors {
            try await database.raw("SELECT id FROM engine_models WHERE active ORDER BY id").all().map {
                try $0.decode(column: "id", as: String.self)
            }
        }
    }

    /// The active models, decoded and checked like model files.
    /// - Throws: `ModelFileError` naming the first model whose body does not decode;
    ///   `ModelRegistryError.empty` when no model is active.
    public func activeModels() async throws -> [SegmentModel] {
        let rows = try await translatingSchemaErrors {
            try await database.raw("SELECT id, model_json FROM engine_models WHERE active ORDER BY id").all()
        }
        guard !rows.isEmpty else { throw ModelRegistryError.empty }
        return try rows.map { row in try Self.body(of: row, id: try row.decode(column: "id", as: String.self)) }
    }

    /// The model a row's `model_json` holds, checked like a model file and named by `id` in errors.
    private static func body(of row: any SQLRow, id: String) throws -> SegmentModel {
        try ModelFileStore.decode(Data(try row.decode(column: "model_json", as: String.self).utf8), file: "model \(id)")
    }

    private func exists(_ id: String) async throws -> Bool {
        try await database.raw("SELECT 1 AS found FROM engine_models WHERE id = \(bind: id)").first() != nil
    }

    /// Deactivates the segment's active model, activates `id`, and notifies the replicas.
    private func makeActive(_ id: String, segment: SegmentKey, at now: Date) async throws {
        try await database.raw(
            """
            UPDATE engine_models SET active = FALSE WHERE active AND id <> \(bind: id) AND game_mode = \(bind: segment.gameMode) \
            AND difficulty = \(bind: segment.difficulty) AND duration_minutes = \(bind: segment.durationMinutes)
            """
        ).run()
        try await database.raw("UPDATE engine_models SET active = TRUE, activated_at = " + time(now) + " WHERE id = \(bind: id)").run()
        if backend == .postgresql {
            try await database.raw("SELECT pg_notify(\(bind: Self.channel), \(bind: id))").run()
        }
    }

    /// `body` between `BEGIN` and `COMMIT`, rolled back when it throws.
    private func transaction<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        try await translatingSchemaErrors {
            try await database.raw("BEGIN").run()
            do {
                let result = try await body()
                try await database.raw("COMMIT").run()
                return result
            } catch {
                try? await database.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// `body`, a missing table or column reported as the registry not being set up.
    private func translatingSchemaErrors<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as ModelRegistryError {
            throw error
        } catch {
            if case DatabaseError.missingSchema(let missing) = SchemaErrors.describe(error) {
                throw ModelRegistryError.notMigrated(reason: "missing \(missing)")
            }
            throw error
        }
    }

    private func time(_ date: Date) -> SQLQueryString {
        let text = Self.timestamp.format(date)
        return backend == .postgresql ? "\(bind: text)::timestamptz" : "\(bind: text)"
    }

    /// UTC, ISO 8601 with milliseconds (the form the prediction log writes too).
    private static let timestamp = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func published(_ row: any SQLRow) throws -> PublishedModel {
        func date(_ column: String) throws -> Date? {
            try row.decodeNil(column: column)
                ? nil : Date(timeIntervalSince1970: Double(try row.decode(column: column, as: Int64.self)) / 1000)
        }
        return PublishedModel(
            id: try row.decode(column: "id", as: String.self),
            segment: SegmentKey(
                gameMode: try row.decode(column: "game_mode", as: String.self),
                difficulty: try row.decode(column: "difficulty", as: Int.self),
                durationMinutes: try row.decode(column: "duration_minutes", as: Int.self)),
            format: try row.decode(column: "format", as: Int?.self),
            engineVersion: try row.decode(column: "engine_version", as: String.self),
            players: try row.decode(column: "players", as: Int.self),
            trainedAt: try date("trained_ms") ?? .distantPast,
            publishedAt: try date("published_ms"),
            isActive: try row.decode(column: "is_active", as: Int.self) == 1,
            activatedAt: try date("activated_ms"))
    }
}
