import DemoData
import Foundation
import PlayerStore
import Testing

/// The demo data generator on its own: deterministic, the shape the issue asks for, and scores
/// that behave like real ones.
@Suite("Demo data generator")
struct DemoDataGeneratorTests {
    /// The default database, generated once for the shape tests.
    static let defaults = DemoDataGenerator().allRows()

    @Test func theSameSeedGivesTheSameRows() {
        let first = DemoDataGenerator(users: 400, seed: 7).allRows()
        let second = DemoDataGenerator(users: 400, seed: 7).allRows()
        #expect(first == second)
        let other = DemoDataGenerator(users: 400, seed: 8).allRows()
        #expect(first.workouts.map(\.score) != other.workouts.map(\.score))
    }

    @Test func batchSizeDoesNotChangeTheRows() {
        let whole = DemoDataGenerator(users: 250, seed: 3, usersPerBatch: 1_000).allRows()
        let pieces = DemoDataGenerator(users: 250, seed: 3, usersPerBatch: 7)
        #expect(pieces.allRows() == whole)
        #expect(Array(pieces).count == 36)
    }

    @Test func thePlanCountsTheRowsWithoutGeneratingThem() {
        let generator = DemoDataGenerator(users: 500, seed: 11)
        let rows = generator.allRows()
        #expect(generator.plan() == DemoPlan(users: 500, healthData: rows.healthData.count, workouts: rows.workouts.count))
    }

    @Test func idsAreConsecutiveAndEveryWorkoutHasOneRaceConfig() {
        let rows = Self.defaults
        #expect(rows.users.map(\.id) == Array(1...rows.users.count))
        #expect(rows.healthData.map(\.id) == Array(1...rows.healthData.count))
        #expect(rows.workouts.map(\.id) == Array(1...rows.workouts.count))
        #expect(rows.raceConfigs.map(\.workoutId) == rows.workouts.map(\.id))
        #expect(Set(rows.users.map(\.username)).count == rows.users.count)
        #expect(rows.workouts.allSatisfy { $0.createdAt <= DemoDataGenerator.defaultEnd })
    }

    @Test func severalGameModesDifficultiesAndDurations() {
        let configs = Self.defaults.raceConfigs
        let modes = Set(configs.map(\.gameMode))
        #expect(modes.contains("DualFlow") && modes.count >= 3)
        let difficulties = Set(configs.map(\.difficulty))
        #expect(difficulties.contains(-1) && difficulties.count >= 3)
        #expect(Set(configs.map(\.duration)) == [300, 600, 900])
    }

    @Test func defaultsGiveAboutAThousandDualFlowExpertTenMinutePlayers() {
        let rows = Self.defaults
        var players = Set<Int>()
        for (workout, config) in zip(rows.workouts, rows.raceConfigs)
        where config.gameMode == "DualFlow" && config.difficulty == -1 && config.duration == 600 && workout.completedWorkout {
            players.insert(workout.userId)
        }
        #expect((900...1_100).contains(players.count), "\(players.count) players")
        // …and histories of many workouts over months.
        #expect(Double(rows.workouts.count) / Double(rows.users.count) > 6)
        let longest = Dictionary(grouping: rows.workouts, by: \.userId).values.map { $0.count }.max() ?? 0
        #expect(longest >= 100)
    }

    @Test func usersRangeFromChildrenToSeniorsAndSomeHaveNoHealthData() {
        let rows = Self.defaults
        let endDay = Double(DemoDataGenerator.defaultEnd / DemoCalendar.secondsPerDay)
        let ages = rows.healthData.compactMap(\.dob).map { (endDay - Double($0)) / 365.25 }
        #expect(ages.contains { $0 > 5 && $0 < 14 })
        #expect(ages.contains { $0 > 70 && $0 < 100 })
        let adults = ages.filter { $0 >= 20 && $0 <= 50 }.count
        #expect(Double(adults) / Double(ages.count) > 0.6)
        let withHealth = Set(rows.healthData.map(\.userId))
        let without = rows.users.count - withHealth.count
        #expect(without > rows.users.count / 20 && without < rows.users.count / 4)
        #expect(rows.healthData.contains { $0.weight == nil } && rows.healthData.contains { $0.height == nil })
        let typical = rows.healthData.compactMap(\.height).filter { $0 > 100 }
        #expect(typical.allSatisfy { $0 < 230 })
    }

    @Test func someWorkoutsAreIncompleteAndAFewRowsAreDirty() {
        let rows = Self.defaults
        let incomplete = rows.workouts.filter { !$0.completedWorkout }.count
        #expect(incomplete > rows.workouts.count / 50 && incomplete < rows.workouts.count / 6)
        let endDay = DemoDataGenerator.defaultEnd / DemoCalendar.secondsPerDay
        let futureBirthdays = rows.healthData.filter { ($0.dob ?? 0) > endDay }.count
        #expect(futureBirthdays > 0 && futureBirthdays < rows.healthData.count / 50)
        #expect(rows.healthData.contains { ($0.dob ?? .max) < DemoCalendar.days(year: 1901, month: 1, day: 1) })
        let zero = rows.workouts.filter { $0.score == 0 }.count
        #expect(zero > 0 && zero < rows.workouts.count / 50)
        #expect(rows.workouts.contains { ($0.score ?? 0) < 0 })
        #expect(rows.workouts.contains { $0.score == nil })
        // Absurd: far above anything a real session reaches.
        #expect(rows.workouts.contains { ($0.score ?? 0) > 5_000_000 })
        #expect(rows.raceConfigs.contains { $0.startSpeed == 0 })
        let clean = rows.workouts.filter { ($0.score ?? 0) > 0 && ($0.score ?? 0) < 2_000_000 }.count
        #expect(Double(clean) / Double(rows.workouts.count) > 0.98)
    }

    @Test func dualFlowExpertTenMinuteScoresLookLikeTheOriginal() {
        let rows = Self.defaults
        var scores: [Double] = []
        for (workout, config) in zip(rows.workouts, rows.raceConfigs)
        where config.gameMode == "DualFlow" && config.difficulty == -1 && config.duration == 600 && workout.completedWorkout {
            if let score = workout.score, score > 0, score < 2_000_000 { scores.append(score) }
        }
        scores.sort()
        let median = scores[scores.count / 2]
        #expect((100_000...200_000).contains(median), "median \(median)")
        #expect(scores[scores.count / 20] < 0.7 * median && scores[scores.count * 19 / 20] > 1.4 * median)
    }

    @Test func scoresRiseWithPracticeOnAverage() {
        let rows = Self.defaults
        // Per user and configuration: first five against last five clean, completed workouts.
        var series: [String: [Double]] = [:]
        for (workout, config) in zip(rows.workouts, rows.raceConfigs) where workout.completedWorkout {
            guard let score = workout.score, score > 0, score < 2_000_000 else { continue }
            series["\(workout.userId) \(config.gameMode) \(config.difficulty) \(config.duration)", default: []].append(score)
        }
        let ratios = series.values.filter { $0.count >= 20 }.map { scores in
            scores.suffix(5).reduce(0, +) / scores.prefix(5).reduce(0, +)
        }
        #expect(ratios.count > 100)
        let improving = ratios.filter { $0 > 1 }.count
        #expect(Double(improving) / Double(ratios.count) > 0.8)
        let meanRatio = ratios.reduce(0, +) / Double(ratios.count)
        #expect(meanRatio > 1.1, "mean last-5 / first-5 ratio \(meanRatio)")
    }

    @Test func twoHundredThousandUsersMakeAtLeastAMillionWorkouts() {
        let plan = DemoDataGenerator(users: 200_000).plan()
        #expect(plan.workouts >= 1_000_000, "\(plan.workouts) workouts")
    }

    @Test func datesAreWrittenAsTheApplicationStoresThemOnSQLite() {
        #expect(DemoCalendar.dateText(days: 0) == "1970-01-01")
        #expect(DemoCalendar.dateText(days: DemoCalendar.days(year: 2024, month: 2, day: 29)) == "2024-02-29")
        #expect(DemoCalendar.dateText(days: DemoCalendar.days(year: 1900, month: 1, day: 1)) == "1900-01-01")
        #expect(DemoCalendar.timestampText(seconds: 1_735_725_600) == "2025-01-01T10:00:00Z")
        #expect(DemoCalendar.timestampText(seconds: DemoDataGenerator.defaultEnd) == "2026-10-31T00:00:00Z")
        #expect(DemoCalendar.timestampText(seconds: -1) == "1969-12-31T23:59:59Z")
    }
}
