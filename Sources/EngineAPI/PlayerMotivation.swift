import Foundation
import MotivationEngine

/// The player route's answer: `{"analysis": {…}, "history": {…}}`.
public struct PlayerMotivation: JSONWritable, Sendable {
    /// The live analysis of the player's latest workout.
    public var analysis: Analysis
    /// The player's recent form it was made from.
    public var history: PlayerHistory

    /// The answer of `analysis`, made from `history`.
    public init(analysis: Analysis, history: PlayerHistory) {
        self.analysis = analysis
        self.history = history
    }

    /// The keys of the answer.
    public enum Key: WireKey {
        case analysis, history

        /// The key as JSON spells it.
        public var name: StaticString {
            switch self {
            case .analysis: "analysis"
            case .history: "history"
            }
        }
    }

    /// An analysis and a history with a dozen scores.
    public var typicalSize: Int { 1536 }

    /// Writes the analysis, then the history.
    public func write(to writer: inout JSONWriter) throws(JSONWriterError) {
        writer.beginObject()
        writer.key(Key.analysis); try analysis.write(to: &writer)
        writer.key(Key.history); try history.write(to: &writer)
        writer.endObject()
    }
}

extension PlayerHistory: JSONWritable {
    /// The keys of a player's history and of its trend.
    public enum Key: WireKey {
        case segment, trend, userId, latestScore, latestAge, latestStartSpeed, latestPlayedAt
        case personalBest, completedWorkouts, recentScores, windowScores
        case workouts, improving, slopePerWorkout

        /// The key as JSON spells it.
        public var name: StaticString {
            switch self {
            case .segment: "segment"
            case .trend: "trend"
            case .userId: "user_id"
            case .latestScore: "latest_score"
            case .latestAge: "latest_age"
            case .latestStartSpeed: "latest_start_speed"
            case .latestPlayedAt: "latest_played_at"
            case .personalBest: "personal_best"
            case .completedWorkouts: "completed_workouts"
            case .recentScores: "recent_scores"
            case .windowScores: "window_scores"
            case .workouts: "workouts"
            case .improving: "improving"
            case .slopePerWorkout: "slope_per_workout"
            }
        }
    }

    /// Writes the history: a missing latest age or start speed is left out, and the time is
    /// ISO 8601 in UTC (`2026-11-28T11:02:36Z`).
    public func write(to writer: inout JSONWriter) throws(JSONWriterError) {
        writer.beginObject()
        writer.key(Key.segment); segment.write(to: &writer)
        writer.key(Key.trend)
        writer.beginObject()
        writer.key(Key.workouts); writer.value(trend.workouts)
        writer.key(Key.improving); writer.value(trend.improving)
        writer.key(Key.slopePerWorkout); try writer.value(trend.slopePerWorkout)
        writer.endObject()
        writer.key(Key.userId); writer.value(userId)
        writer.key(Key.latestScore); try writer.value(latestScore)
        if let latestAge {
            writer.key(Key.latestAge); try writer.value(latestAge)
        }
        if let latestStartSpeed {
            writer.key(Key.latestStartSpeed); try writer.value(latestStartSpeed)
        }
        writer.key(Key.latestPlayedAt); writer.value(latestPlayedAt.formatted(Self.iso8601))
        writer.key(Key.personalBest); try writer.value(personalBest)
        writer.key(Key.completedWorkouts); writer.value(completedWorkouts)
        writer.key(Key.recentScores)
        writer.beginArray()
        for score in recentScores { try writer.value(score) }
        writer.endArray()
        writer.key(Key.windowScores)
        writer.beginArray()
        for score in windowScores { try writer.value(score) }
        writer.endArray()
        writer.endObject()
    }

    /// `2026-11-28T11:02:36Z`, as `JSONEncoder.DateEncodingStrategy.iso8601` writes a date.
    private static let iso8601 = Date.ISO8601FormatStyle()
}
