import Foundation
import MotivationEngine

/// `GET /v1/segments`.
public struct SegmentList: Encodable, Sendable {
    /// The loaded segments, by name.
    public let segments: [SegmentEntry]

    /// One loaded segment.
    public struct SegmentEntry: Encodable, Sendable {
        /// The segment's name, e.g. `DualFlow_-1_10min`.
        public let name: String
        /// The segment.
        public let segment: SegmentKey
        /// Players the model was trained on.
        public let players: Int
        /// The model's clusters (levels).
        public let clusters: Int
    }

    /// The segments of `registry`, by name.
    public init(_ registry: ModelRegistry) {
        segments = registry.engines.values.map { engine in
            SegmentEntry(
                name: engine.model.segment.fileStem, segment: engine.model.segment, players: engine.model.rows.players,
                clusters: engine.model.clusters.count)
        }.sorted { $0.name < $1.name }
    }
}

/// `GET /v1/models`.
public struct ModelList: Encodable, Sendable {
    /// When the models were loaded.
    public let loadedAt: Date
    /// The loaded models, by name.
    public let models: [ModelSummary]

    /// The list of `models`, loaded at `loadedAt`.
    public init(loadedAt: Date, models: [ModelSummary]) {
        self.loadedAt = loadedAt
        self.models = models
    }

    enum CodingKeys: String, CodingKey {
        case models
        case loadedAt = "loaded_at"
    }
}

/// One model in `GET /v1/models`.
public struct ModelSummary: Encodable, Sendable {
    /// The segment's name.
    public let name: String
    /// The model's id.
    public let id: String
    /// The model's segment.
    public let segment: SegmentKey
    /// When the model was trained.
    public let trainedAt: Date
    /// Players it was trained on.
    public let players: Int
    /// Its clusters' labels, in level order.
    public let clusters: [String]
    /// The mixture's BIC.
    public let bic: Double
    /// The features it segments on.
    public let features: [Feature]

    enum CodingKeys: String, CodingKey {
        case name, id, segment, players, clusters, bic, features
        case trainedAt = "trained_at"
    }

    /// The summary of `engine`'s model.
    public init(_ engine: SegmentEngine) {
        let model = engine.model
        name = model.segment.fileStem
        id = model.id
        segment = model.segment
        trainedAt = model.trainedAt
        players = model.rows.players
        clusters = model.clusters.map(\.label)
        bic = model.fit.bic
        features = model.features
    }
}

/// `POST /v1/models/reload`.
public struct ReloadResult: Encodable, Sendable {
    /// When the models were loaded.
    public let loadedAt: Date
    /// The loaded segments' names.
    public let segments: [String]

    /// The result of a reload at `loadedAt` of `segments`.
    public init(loadedAt: Date, segments: [String]) {
        self.loadedAt = loadedAt
        self.segments = segments
    }

    enum CodingKeys: String, CodingKey {
        case segments
        case loadedAt = "loaded_at"
    }
}
