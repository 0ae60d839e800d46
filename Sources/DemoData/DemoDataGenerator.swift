import Foundation

/// Generates a realistic synthetic Sphery database, deterministically for a seed.
///
/// Users have dates of birth from children to seniors (most 20–50), weights and heights, and
/// some have no health data. Each user has a latent skill that grows with practice and prefers a
/// game configuration (game mode, difficulty, duration), sometimes with a second one; scores
/// follow skill, age, start speed, duration and difficulty, over a history of workouts spread
/// across up to eighteen months. Some workouts are not completed and a small share of rows is
/// dirty (future or impossible dates of birth, zero, negative, missing or absurd scores, zero
/// start speeds) so that cleaning has something to do.
///
/// The generator is a `Sequence` of ``DemoBatch``es of `usersPerBatch` consecutive users, so a
/// database of any size is written in constant memory. Each user's rows come from a random
/// stream of their own (seed and user id), so the rows do not depend on the batch size.
public struct DemoDataGenerator: Sequence, Sendable {
    /// Users written by default: enough for about a thousand DualFlow / Expert / 10-minute
    /// players, the size of the original data set.
    public static let defaultUsers = 9_600
    /// The default seed.
    public static let defaultSeed: UInt64 = 42
    /// The default end of the histories, 2026-10-31T00:00:00Z (fixed, so a seed fixes the data).
    public static let defaultEnd: Int64 = DemoCalendar.days(year: 2026, month: 10, day: 31) * DemoCalendar.secondsPerDay

    /// Number of users.
    public let users: Int
    /// The seed fixing every row.
    public let seed: UInt64
    /// No workout is later than this (seconds since 1970-01-01T00:00:00Z).
    public let end: Int64
    /// The longest history, in days.
    public let historyDays: Double
    /// Users per batch.
    public let usersPerBatch: Int

    /// - Parameters:
    ///   - users: number of users (at least 0).
    ///   - seed: the same seed gives the same rows.
    ///   - end: the latest workout time, seconds since 1970 (default ``defaultEnd``).
    ///   - historyDays: the longest history (default 540 days, about eighteen months).
    ///   - usersPerBatch: users per ``DemoBatch`` (does not change the rows).
    public init(
        users: Int = defaultUsers, seed: UInt64 = defaultSeed, end: Int64 = defaultEnd,
        historyDays: Double = 540, usersPerBatch: Int = 1_000
    ) {
        self.users = Swift.max(users, 0)
        self.seed = seed
        self.end = end
        self.historyDays = historyDays
        self.usersPerBatch = Swift.max(usersPerBatch, 1)
    }

    /// How many rows the generator will produce, found without generating them (a player's
    /// traits are a few dozen draws; their workouts are the bulk of the work).
    public func plan() -> DemoPlan {
        var plan = DemoPlan(users: users, healthData: 0, workouts: 0)
        guard users > 0 else { return plan }
        for id in 1...users {
            var random = DemoRandom(seed: seed, stream: UInt64(id))
            let player = DemoPlayer(&random)
            plan.workouts += player.workoutCount
            if player.hasHealthData { plan.healthData += 1 }
        }
        return plan
    }

    /// Every row in one batch (for tests and small databases).
    public func allRows() -> DemoBatch {
        var all = DemoBatch()
        for batch in self {
            all.users += batch.users
            all.healthData += batch.healthData
            all.workouts += batch.workouts
            all.raceConfigs += batch.raceConfigs
        }
        return all
    }

    /// Iterates over the batches of users, in id order.
    public func makeIterator() -> Iterator { Iterator(generator: self) }

    /// Yields the batches in user order, numbering health data, workouts and race
    /// configurations consecutively from 1.
    public struct Iterator: IteratorProtocol {
        let generator: DemoDataGenerator
        var nextUser = 1
        var nextHealthId = 1
        var nextWorkoutId = 1

        /// The next batch of users and their rows; nil after the last user.
        public mutating func next() -> DemoBatch? {
            guard nextUser <= generator.users else { return nil }
            var batch = DemoBatch()
            let last = Swift.min(generator.users, nextUser + generator.usersPerBatch - 1)
            batch.users.reserveCapacity(last - nextUser + 1)
            batch.workouts.reserveCapacity((last - nextUser + 1) * 9)
            batch.raceConfigs.reserveCapacity((last - nextUser + 1) * 9)
            for id in nextUser...last {
                generator.appendUser(id, healthId: &nextHealthId, workoutId: &nextWorkoutId, to: &batch)
            }
            nextUser = last + 1
            return batch
        }
    }

    private static let names = [
        "alex", "sam", "noah", "mia", "luca", "emma", "leon", "lena", "finn", "nina", "elias", "lea",
        "jonas", "anna", "david", "laura", "tim", "sara", "nico", "julia", "marco", "chiara", "jan", "zoe",
    ]

    /// Appends user `id` and all of their rows.
    func appendUser(_ id: Int, healthId: inout Int, workoutId: inout Int, to batch: inout DemoBatch) {
        var random = DemoRandom(seed: seed, stream: UInt64(id))
        let player = DemoPlayer(&random)
        let name = Self.names[random.integer(in: 0...Self.names.count - 1)]
        batch.users.append(DemoUser(id: id, username: "\(name)\(id)"))

        // History: `workoutCount` sessions ending at most at `end`, spaced by exponential gaps.
        let endDay = Double(end) / Double(DemoCalendar.secondsPerDay)
        let span = Swift.min(Double(player.workoutCount - 1) * player.daysBetweenWorkouts, historyDays)
        let firstDay = endDay - span - random.uniform(0, Swift.max(historyDays - span, 0) + 1)
        var gaps = (0..<player.workoutCount).map { _ in random.exponential(mean: 1) }
        gaps[0] = 0
        let totalGap = gaps.reduce(0, +)
        var cumulative = 0.0
        var times: [Int64] = []
        times.reserveCapacity(player.workoutCount)
        for gap in gaps {
            cumulative += gap
            let day = (firstDay + (totalGap > 0 ? cumulative / totalGap * span : 0)).rounded(.down)
            let secondOfDay = random.uniform(Double(DemoCalendar.playingSeconds.lowerBound), Double(DemoCalendar.playingSeconds.upperBound))
                .rounded(.down)
            times.append(Swift.min(Int64(day) * DemoCalendar.secondsPerDay + Int64(secondOfDay), end))
        }
        times.sort()

        // Health data; the birthday also gives the age at each workout (also for users without).
        let birthDay = (endDay - player.age * 365.25).rounded(.down)
        if player.hasHealthData {
            batch.healthData.append(
                healthRow(id: healthId, userId: id, player: player, birthDay: Int64(birthDay), endDay: Int64(endDay), random: &random))
            healthId += 1
        }

        for (practice, time) in times.enumerated() {
            let configuration = player.secondary.flatMap { random.chance(player.secondaryShare) ? $0 : nil } ?? player.primary
            let mode = DemoCatalog.gameModes[configuration.mode]
            let difficulty = DemoCatalog.difficulties[configuration.difficulty]
            let duration = DemoCatalog.durations[configuration.duration]
            let skill = player.skill(afterWorkouts: practice)
            let learned = skill - player.initialSkill
            let rawSpeed = player.preferredSpeed + 0.8 * learned + random.normal(mean: 0, deviation: 0.35)
            let speed = Swift.min(Swift.max((rawSpeed * 2).rounded() / 2, 1), 10)
            let age = (Double(time) / Double(DemoCalendar.secondsPerDay) - birthDay) / 365.25
            var score =
                mode.pointsPerMinute * Foundation.pow(duration.minutes, 0.93) * difficulty.scoreFactor
                * Foundation.exp(0.22 * skill) * DemoPlayer.ageFactor(age) * (speed / 5).squareRoot()
                * Foundation.exp(random.normal(mean: 0, deviation: 0.12))
            let completed = !random.chance(duration.seconds >= 900 ? 0.09 : 0.06)
            if !completed { score *= random.uniform(0.1, 0.9) }
            var storedScore: Double? = score.rounded()
            let dirt = random.unit()
            if dirt < 0.004 {
                storedScore = 0
            } else if dirt < 0.0055 {
                storedScore = (score * random.uniform(50, 500)).rounded()
            } else if dirt < 0.006 {
                storedScore = -(score * random.uniform(0.01, 1)).rounded()
            } else if dirt < 0.0065 {
                storedScore = nil
            }
            let speedDirt = random.unit()
            let storedSpeed: Double? = speedDirt < 0.001 ? 0 : speedDirt < 0.002 ? nil : speed
            batch.workouts.append(DemoWorkout(id: workoutId, userId: id, score: storedScore, completedWorkout: completed, createdAt: time))
            batch.raceConfigs.append(
                DemoRaceConfig(
                    id: workoutId, workoutId: workoutId, gameMode: mode.name, difficulty: difficulty.value,
                    duration: duration.seconds, startSpeed: storedSpeed))
            workoutId += 1
        }
    }

    /// A health data row: plausible height and weight for age and sex, with missing values and a
    /// few impossible ones (future or 1900 birthdays, absurd weights, heights in metres).
    private func healthRow(id: Int, userId: Int, player: DemoPlayer, birthDay: Int64, endDay: Int64, random: inout DemoRandom)
        -> DemoHealthData
    {
        var dob: Int64? = birthDay
        let dobDirt = random.unit()
        if dobDirt < 0.007 {
            dob = endDay + Int64(random.integer(in: 30...2_000))
        } else if dobDirt < 0.010 {
            dob = DemoCalendar.days(year: 1900, month: 1, day: 1)
        } else if dobDirt < 0.040 {
            dob = nil
        }
        let height: Double
        if player.age < 18 {
            height = 115 + 5.5 * (Swift.min(player.age, 17) - 6) + random.normal(mean: 0, deviation: 6)
        } else {
            height = player.sex == .male ? random.normal(mean: 178, deviation: 7) : random.normal(mean: 165, deviation: 6.5)
        }
        let bmi =
            player.age < 18
            ? random.normal(mean: 17.5, deviation: 2)
            : Swift.min(Swift.max(random.normal(mean: 23.5 + 0.05 * (player.age - 30), deviation: 3.5), 16), 42)
        var weight: Double? = (bmi * height * height / 10_000 * 10).rounded() / 10
        var storedHeight: Double? = height.rounded()
        if random.chance(0.06) { weight = nil }
        if random.chance(0.06) { storedHeight = nil }
        let bodyDirt = random.unit()
        if bodyDirt < 0.002 {
            weight = 0
        } else if bodyDirt < 0.004 {
            weight = 850
        } else if bodyDirt < 0.006, let value = storedHeight {
            storedHeight = value / 100
        }
        return DemoHealthData(id: id, userId: userId, dob: dob, weight: weight, height: storedHeight)
    }
}
