import MotivationEngine

// The analysis JSON of DESIGN.md. Each object's keys are spelled once, in its `WireKey` enum,
// and written in the order below: `segment`, `model`, then the parts of the analysis.

extension Analysis: JSONWritable {
    /// The keys of the analysis object.
    public enum Key: WireKey {
        case segment, model, playerData, clusterPrediction, performanceTargets, motivationalMessage

        /// The key as JSON spells it.
        public var name: StaticString {
            switch self {
            case .segment: "segment"
            case .model: "model"
            case .playerData: "player_data"
            case .clusterPrediction: "cluster_prediction"
            case .performanceTargets: "performance_targets"
            case .motivationalMessage: "motivational_message"
            }
        }
    }

    /// Writes the analysis object.
    public func write(to writer: inout JSONWriter) throws(JSONWriterError) {
        writer.beginObject()
        writer.key(Key.segment); segment.write(to: &writer)
        writer.key(Key.model); model.write(to: &writer)
        writer.key(Key.playerData); try playerData.write(to: &writer)
        writer.key(Key.clusterPrediction); try clusterPrediction.write(to: &writer)
        writer.key(Key.performanceTargets); try performanceTargets.write(to: &writer)
        writer.key(Key.motivationalMessage); try motivationalMessage.write(to: &writer)
        writer.endObject()
    }
}

extension SegmentKey {
    /// The keys of a segment object; `AnalysisInput` and the player route's query use the same.
    public enum Key: WireKey {
        case gameMode, difficulty, durationMinutes

        /// The key as JSON spells it.
        public var name: StaticString {
            switch self {
            case .gameMode: "game_mode"
            case .difficulty: "difficulty"
            case .durationMinutes: "duration_minutes"
            }
        }
    }

    /// Writes `{"game_mode":…,"difficulty":…,"duration_minutes":…}`.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key(Key.gameMode); writer.value(gameMode)
        writer.key(Key.difficulty); writer.value(difficulty)
        writer.key(Key.durationMinutes); writer.value(durationMinutes)
        writer.endObject()
    }
}

extension PlayerData {
    /// The keys of the player's values.
    public enum Key: WireKey {
        case score, age, startSpeed, durationMinutes

        /// The key as JSON spells it.
        public var name: StaticString {
            switch self {
            case .score: "score"
            case .age: "age"
            case .startSpeed: "startSpeed"
            case .durationMinutes: "duration_minutes"
            }
        }
    }

    /// Writes the player's values, `null` for a missing age or start speed.
    public func write(to writer: inout JSONWriter) throws(JSONWriterError) {
        writer.beginObject()
        writer.key(Key.score); try writer.value(score)
        writer.key(Key.age); try writer.value(age)
        writer.key(Key.startSpeed); try writer.value(startSpeed)
        writer.key(Key.durationMinutes); try writer.value(durationMinutes)
        writer.endObject()
    }
}

extension ClusterPrediction {
    /// The keys of the cluster prediction.
    public enum Key: WireKey {
        case cluster, confidence, probabilities, clusterLabel, missingFeatures

        /// The key as JSON spells it.
        public var name: StaticString {
            switch self {
            case .cluster: "cluster"
            case .confidence: "confidence"
            case .probabilities: "probabilities"
            case .clusterLabel: "cluster_label"
            case .missingFeatures: "missing_features"
            }
        }
    }

    /// Writes the cluster, its probabilities and the marginalised features.
    public func write(to writer: inout JSONWriter) throws(JSONWriterError) {
        writer.beginObject()
        writer.key(Key.cluster); writer.value(cluster)
        writer.key(Key.confidence); try writer.value(confidence)
        writer.key(Key.probabilities)
        writer.beginArray()
        for probability in probabilities { try writer.value(probability) }
        writer.endArray()
        writer.key(Key.clusterLabel); writer.value(clusterLabel)
        writer.key(Key.missingFeatures)
        writer.beginArray()
        for feature in missingFeatures { writer.value(feature.rawValue) }
        writer.endArray()
        writer.endObject()
    }
}

extension PerformanceTargets {
    /// The keys of the target range and of each of its targets.
    public enum Key: WireKey {
        case cluster, targets, lowerPercentile, upperPercentile, percentile, score

        /// The key as JSON spells it.
        public var name: StaticString {
            switch self {
            case .cluster: "cluster"
            case .targets: "targets"
            case .lowerPercentile: "lower_percentile"
            case .upperPercentile: "upper_percentile"
            case .percentile: "percentile"
            case .score: "score"
            }
        }
    }

    /// Writes the target range and its targets.
    public func write(to writer: inout JSONWriter) throws(JSONWriterError) {
        writer.beginObject()
        writer.key(Key.cluster); writer.value(cluster)
        writer.key(Key.targets)
        writer.beginArray()
        for target in targets {
            writer.beginObject()
            writer.key(Key.percentile); try writer.value(target.percentile)
            writer.key(Key.score); try writer.value(target.score)
            writer.endObject()
        }
        writer.endArray()
        writer.key(Key.lowerPercentile); try writer.value(lowerPercentile)
        writer.key(Key.upperPercentile); try writer.value(upperPercentile)
        writer.endObject()
    }
}

extension MotivationalMessage {
    /// The keys of the message object.
    public enum Key: WireKey {
        case message, nextTarget, nextTargetPercentile, pointsToNextTarget, currentPercentile, status
        case targetPolicy, targetReason, targetShown, templateId

        /// The key as JSON spells it.
        public var name: StaticString {
            switch self {
            case .message: "message"
            case .nextTarget: "next_target"
            case .nextTargetPercentile: "next_target_percentile"
            case .pointsToNextTarget: "points_to_next_target"
            case .currentPercentile: "current_percentile"
            case .status: "status"
            case .targetPolicy: "target_policy"
            case .targetReason: "target_reason"
            case .targetShown: "target_shown"
            case .templateId: "template_id"
            }
        }
    }

    /// Writes the message and its target, `null` for the percentile of a personal stretch goal.
    public func write(to writer: inout JSONWriter) throws(JSONWriterError) {
        writer.beginObject()
        writer.key(Key.message); writer.value(message)
        writer.key(Key.nextTarget); try writer.value(nextTarget)
        writer.key(Key.nextTargetPercentile); try writer.value(nextTargetPercentile)
        writer.key(Key.pointsToNextTarget); try writer.value(pointsToNextTarget)
        writer.key(Key.currentPercentile); try writer.value(currentPercentile)
        writer.key(Key.status); writer.value(status.rawValue)
        writer.key(Key.targetPolicy); writer.value(targetPolicy.rawValue)
        writer.key(Key.targetReason); try targetReason.write(to: &writer)
        writer.key(Key.targetShown); writer.value(targetShown)
        writer.key(Key.templateId); writer.value(templateId)
        writer.endObject()
    }
}

extension TargetReason {
    /// The keys of the target's reason.
    public enum Key: WireKey {
        case source, percentile, population, windowSize, text

        /// The key as JSON spells it.
        public var name: StaticString {
            switch self {
            case .source: "source"
            case .percentile: "percentile"
            case .population: "population"
            case .windowSize: "window_size"
            case .text: "text"
            }
        }
    }

    /// Writes where the target comes from, `null` for what does not apply to its source.
    public func write(to writer: inout JSONWriter) throws(JSONWriterError) {
        writer.beginObject()
        writer.key(Key.source); writer.value(source.rawValue)
        writer.key(Key.percentile); try writer.value(percentile)
        writer.key(Key.population); writer.value(population)
        writer.key(Key.windowSize); writer.value(windowSize)
        writer.key(Key.text); writer.value(text)
        writer.endObject()
    }
}

extension ModelReference {
    /// The keys of the model reference.
    public enum Key: WireKey {
        case id, trainedAt

        /// The key as JSON spells it.
        public var name: StaticString {
            switch self {
            case .id: "id"
            case .trainedAt: "trained_at"
            }
        }
    }

    /// Writes the model's id and training time.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key(Key.id); writer.value(id)
        writer.key(Key.trainedAt); writer.value(trainedAt)
        writer.endObject()
    }
}
