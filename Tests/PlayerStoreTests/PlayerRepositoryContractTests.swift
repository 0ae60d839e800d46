import DatabaseTestSupport
import Foundation
import MotivationEngine
import Testing

@testable import PlayerStore

/// The route tests run on `InMemoryPlayers`; this holds it to the SQL implementation: given the
/// workouts the database reads, it answers every look-up, error and segment list as the database
/// does, on SQLite and PostgreSQL.
@Suite("The in-memory player repository answers as the database does")
struct PlayerRepositoryContractTests {
    /// Trend lengths and personal windows the look-ups are compared under.
    static let settings: [(trend: Int, personal: PersonalTargetSettings)] = {
        var recent = PersonalTargetSettings.standard
        recent.days = 2
        var short = PersonalTargetSettings.standard
        short.workouts = 3
        short.minimumWorkouts = 2
        return [(10, .standard), (2, .standard), (3, recent), (1, short)]
    }()

    @Test(arguments: TestDatabases.backends)
    func sameAnswers(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                try await SmallSpheryData.insert(into: db)
                // User 3's latest workout has a negative score: the look-up leaves it out, training reads it.
                try await SmallSpheryData.insertWorkout(
                    id: 20, user: 3, score: -5, completed: true, at: "2025-03-02T10:00:00Z", segment: ("DualFlow", -1, 600),
                    startSpeed: 5.5, into: db)
                let stored = PlayerQueries(db)
                let segments = [SmallSpheryData.dualFlow, SmallSpheryData.soloRun]
                var workouts: [SegmentKey: [PlayerRecord]] = [:]
                for segment in segments { workouts[segment] = try await stored.workouts(in: segment) }
                let memory = InMemoryPlayers(users: [1, 2, 3], workouts: workouts)

                #expect(try await memory.segments() == stored.segments())
                for segment in segments {
                    #expect(try await memory.workouts(in: segment) == stored.workouts(in: segment))
                    for user in 1...4 {
                        for (trend, personal) in Self.settings {
                            let expected = await Self.answer(stored, user: user, in: segment, trend: trend, personal: personal)
                            let given = await Self.answer(memory, user: user, in: segment, trend: trend, personal: personal)
                            #expect(given == expected, "user \(user) in \(segment), trend \(trend)")
                        }
                    }
                }
            }
        }
    }

    /// The history `players` gives, or the database error it throws.
    static func answer(
        _ players: some PlayerRepository, user: Int, in segment: SegmentKey, trend: Int, personal: PersonalTargetSettings
    ) async -> Result<PlayerHistory, DatabaseError> {
        do {
            return .success(try await players.history(user: user, in: segment, trendWorkouts: trend, personal: personal))
        } catch let error as DatabaseError {
            return .failure(error)
        } catch {
            return .failure(.queryFailed("\(error)"))
        }
    }
}
