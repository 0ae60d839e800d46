import Foundation
import MotivationEngine

/// One model in the registry (`engine_models`), without its body: what `models list` shows.
public struct PublishedModel: Sendable, Equatable {
    /// The model's content-derived id (`DualFlow_-1_10-3f2a…`).
    public let id: String
    /// The segment it was trained for.
    public let segment: SegmentKey
    /// The model file format of its body (nil for a row written before the registry recorded it).
    public let format: Int?
    /// The engine version that trained it.
    public let engineVersion: String
    /// Players it was trained on.
    public let players: Int
    /// When training ran.
    public let trainedAt: Date
    /// When it was published (nil for a row written before the registry recorded it).
    public let publishedAt: Date?
    /// Whether replicas serve it now: at most one model per segment is active.
    public let isActive: Bool
    /// When it was last activated; nil if never.
    public let activatedAt: Date?

    /// A registry row's fields.
    public init(
        id: String, segment: SegmentKey, format: Int?, engineVersion: String, players: Int, trainedAt: Date,
        publishedAt: Date?, isActive: Bool, activatedAt: Date?
    ) {
        self.id = id
        self.segment = segment
        self.format = format
        self.engineVersion = engineVersion
        self.players = players
        self.trainedAt = trainedAt
        self.publishedAt = publishedAt
        self.isActive = isActive
        self.activatedAt = activatedAt
    }
}

/// What publishing a model did.
public enum PublishOutcome: Sendable, Equatable {
    /// A new version was stored (and activated, if asked).
    case published
    /// The same model (same id: same data and options) was already stored; it was activated
    /// again if asked, and nothing else changed.
    case alreadyPublished
}
