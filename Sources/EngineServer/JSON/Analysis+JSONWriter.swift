import Hummingbird
import MotivationEngine

// The analysis JSON, written as the types' `Codable` implementations write it: the same keys in
// the same order (synthesized conformances encode in `CodingKeys` order, so `model` comes
// second), explicit `null` where a custom `encode(to:)` encodes an optional. The synthesized
// conformances here have no optionals, so no key is ever left out.
extension JSONWriter {
    /// Encodes `analysis` into a new buffer reserved large enough for a typical answer.
    /// - Throws: `JSONWriterError` if a number is NaN or infinite.
    static func encode(
        _ analysis: Analysis, allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) throws(JSONWriterError) -> ByteBuffer {
        var writer = JSONWriter(buffer: allocator.buffer(capacity: 1024))
        try writer.write(analysis)
        return writer.buffer
    }

    /// Writes the analysis object.
    /// - Throws: `JSONWriterError` if a number is NaN or infinite.
    mutating func write(_ analysis: Analysis) throws(JSONWriterError) {
        beginObject()
        key("segment"); write(analysis.segment)
        key("model"); write(analysis.model)
        key("player_data"); try write(analysis.playerData)
        key("cluster_prediction"); try write(analysis.clusterPrediction)
        key("performance_targets"); try write(analysis.performanceTargets)
        key("motivational_message"); try write(analysis.motivationalMessage)
        endObject()
    }

    /// Writes `{"game_mode":…,"difficulty":…,"duration_minutes":…}`.
    mutating func write(_ segment: SegmentKey) {
        beginObject()
        key("game_mode"); value(segment.gameMode)
        key("difficulty"); value(segment.difficulty)
        key("duration_minutes"); value(segment.durationMinutes)
        endObject()
    }

    /// Writes the player's values, `null` for a missing age or start speed.
    mutating func write(_ player: PlayerData) throws(JSONWriterError) {
        beginObject()
        key("score"); try value(player.score)
        key("age"); try value(player.age)
        key("startSpeed"); try value(player.startSpeed)
        key("duration_minutes"); try value(player.durationMinutes)
        endObject()
    }

    /// Writes the cluster, its probabilities and the marginalised features.
    mutating func write(_ prediction: ClusterPrediction) throws(JSONWriterError) {
        beginObject()
        key("cluster"); value(prediction.cluster)
        key("confidence"); try value(prediction.confidence)
        key("probabilities")
        beginArray()
        for probability in prediction.probabilities { try value(probability) }
        endArray()
        key("cluster_label"); value(prediction.clusterLabel)
        key("missing_features")
        beginArray()
        for feature in prediction.missingFeatures { value(feature.rawValue) }
        endArray()
        endObject()
    }

    /// Writes the target range and its targets.
    mutating func write(_ targets: PerformanceTargets) throws(JSONWriterError) {
        beginObject()
        key("cluster"); value(targets.cluster)
        key("targets")
        beginArray()
        for target in targets.targets {
            beginObject()
            key("percentile"); try value(target.percentile)
            key("score"); try value(target.score)
            endObject()
        }
        endArray()
        key("lower_percentile"); try value(targets.lowerPercentile)
        key("upper_percentile"); try value(targets.upperPercentile)
        endObject()
    }

    /// Writes the message and its target, `null` for the percentile of a personal stretch goal.
    mutating func write(_ message: MotivationalMessage) throws(JSONWriterError) {
        beginObject()
        key("message"); value(message.message)
        key("next_target"); try value(message.nextTarget)
        key("next_target_percentile"); try value(message.nextTargetPercentile)
        key("points_to_next_target"); try value(message.pointsToNextTarget)
        key("current_percentile"); try value(message.currentPercentile)
        key("status"); value(message.status.rawValue)
        key("target_policy"); value(message.targetPolicy)
        key("target_reason"); try write(message.targetReason)
        key("target_shown"); value(message.targetShown)
        key("template_id"); value(message.templateId)
        endObject()
    }

    /// Writes where the target comes from, `null` for what does not apply to its source.
    mutating func write(_ reason: TargetReason) throws(JSONWriterError) {
        beginObject()
        key("source"); value(reason.source)
        key("percentile"); try value(reason.percentile)
        key("population"); value(reason.population)
        key("window_size"); value(reason.windowSize)
        key("text"); value(reason.text)
        endObject()
    }

    /// Writes the model's id and training time.
    mutating func write(_ model: ModelReference) {
        beginObject()
        key("id"); value(model.id)
        key("trained_at"); value(model.trainedAt)
        endObject()
    }
}
