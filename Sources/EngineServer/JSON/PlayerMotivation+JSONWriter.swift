import Foundation
import Hummingbird
import MotivationEngine
import PlayerStore

extension JSONWriter {
    /// Encodes the player route's answer `{"analysis": {…}, "history": {…}}`, keys as
    /// `PlayerHistory`'s `Codable` writes them (a missing latest age or start speed is left out)
    /// and the time as ISO 8601 in UTC, as `JSONEncoder`'s `.iso8601` writes it.
    /// - Throws: `JSONWriterError` if a number is NaN or infinite.
    static func encode(
        _ analysis: Analysis, history: PlayerHistory, allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) throws(JSONWriterError) -> ByteBuffer {
        var writer = JSONWriter(buffer: allocator.buffer(capacity: 1536))
        writer.beginObject()
        writer.key("analysis"); try writer.write(analysis)
        writer.key("history"); try writer.write(history)
        writer.endObject()
        return writer.buffer
    }

    /// Writes a player's history.
    mutating func write(_ history: PlayerHistory) throws(JSONWriterError) {
        beginObject()
        key("segment"); write(history.segment)
        key("trend")
        beginObject()
        key("workouts"); value(history.trend.workouts)
        key("improving"); value(history.trend.improving)
        key("slope_per_workout"); try value(history.trend.slopePerWorkout)
        endObject()
        key("user_id"); value(history.userId)
        key("latest_score"); try value(history.latestScore)
        if let age = history.latestAge {
            key("latest_age"); try value(age)
        }
        if let speed = history.latestStartSpeed {
            key("latest_start_speed"); try value(speed)
        }
        key("latest_played_at"); value(history.latestPlayedAt.formatted(Self.iso8601))
        key("personal_best"); try value(history.personalBest)
        key("completed_workouts"); value(history.completedWorkouts)
        key("recent_scores")
        beginArray()
        for score in history.recentScores { try value(score) }
        endArray()
        key("window_scores")
        beginArray()
        for score in history.windowScores { try value(score) }
        endArray()
        endObject()
    }

    /// `2026-11-28T11:02:36Z`, as `JSONEncoder.DateEncodingStrategy.iso8601` writes a date.
    private static let iso8601 = Date.ISO8601FormatStyle()
}
