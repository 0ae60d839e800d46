import Foundation
import MotivationEngine
import SQLKit

/// A completed workout with its player and segment, as the play simulation reads history.
public struct CompletedWorkout: Sendable {
    /// The application's user id.
    public let userId: Int
    /// The segment of the workout.
    public let segment: SegmentKey
    /// The workout as a training record (score, age at the workout, start speed, time).
    public let record: PlayerRecord
    /// The session length as stored, in seconds.
    public let durationSeconds: Int
}

extension PlayerQueries {
    /// The time of the latest workout, in whole seconds since 1970; nil without any.
    public func latestWorkoutTime() async throws -> Int64? {
        let rows = try await run(
            #"SELECT MAX(\#(unsafeRaw: SQLDialectPieces.playedAtSeconds(backend))) AS latest FROM "Workouts" w"#)
        guard let row = rows.first, try !row.decodeNil(column: "latest") else { return nil }
        return Int64(try row.decode(column: "latest", as: Double.self).rounded())
    }

    /// Every completed workout played from `start` to `end` (seconds since 1970, both included),
    /// by user and then time.
    public func completedWorkouts(playedFrom start: Double, to end: Double) async throws -> [CompletedWorkout] {
        let playedAt = SQLDialectPieces.playedAtSeconds(backend)
        let rows = try await run(
            completedWorkouts(
                where: " AND \(unsafeRaw: playedAt) >= \(bind: start) AND \(unsafeRaw: playedAt) <= \(bind: end)"))
        return try rows.map { row in
            let (segment, record) = try Self.trainingRecord(row)
            return CompletedWorkout(
                userId: try row.decode(column: "user_id", as: Int.self), segment: segment, record: record,
                durationSeconds: try row.decode(column: "duration", as: Int.self))
        }
    }

    /// The largest `id` of one of the application's tables; 0 when it is empty.
    public func largestId(in table: String) async throws -> Int {
        let rows = try await run("SELECT MAX(id) AS id FROM \(ident: table)")
        guard let row = rows.first, try !row.decodeNil(column: "id") else { return 0 }
        return try row.decode(column: "id", as: Int.self)
    }
}
