import ArgumentParser
import DemoData
import Foundation
import PlayerStore

/// `sphery-engine demo-data`: writes a realistic synthetic Sphery database.
struct DemoDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Write a realistic synthetic Sphery database (deterministic for a seed).",
        discussion: """
            Users with health data (some without), several game modes, difficulties and durations, \
            histories of workouts over months in which skill grows with practice, some incomplete \
            workouts and a few dirty rows. The defaults give a DualFlow / -1 (Expert) / 10-minute \
            segment of about a thousand players. A database that already has users is refused \
            unless --replace is given. Progress goes to standard error. The histories end on 2026-10-31; \
            `simulate` then advances the database by weeks of play under a retention experiment, with \
            simulated effects per arm or per kind of target.
            """)

    @OptionGroup var database: DatabaseOption

    @Option(help: "Number of users (the default gives about 1000 DualFlow / -1 / 10 players).")
    var users: Int = DemoDataGenerator.defaultUsers

    @Option(help: "Random seed: the same seed gives the same database.")
    var seed: UInt64 = DemoDataGenerator.defaultSeed

    @Flag(help: "Drop and recreate the Sphery tables (Users, HealthData, Workouts, RaceConfigs) if they exist.")
    var replace = false

    func validate() throws {
        guard users >= 1 else { throw ValidationError("--users must be at least 1") }
    }

    func run() async throws {
        try await DemoDataWriter.write(to: try database.location(), users: users, seed: seed, replace: replace)
    }
}

/// Writes a demo database with progress on standard error (shared by `demo-data` and `serve --demo`).
enum DemoDataWriter {
    static func write(to location: DatabaseLocation, users: Int, seed: UInt64, replace: Bool) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        StandardError.print("writing \(users) demo users (seed \(seed)) to \(location)")
        let summary = try await PlayerDatabase.with(location) { db in
            var nextReport = 0
            return try await DemoDatabase.write(to: db, users: users, seed: seed, replace: replace) { progress in
                let percent = Int(progress.fraction * 100)
                guard percent >= nextReport else { return }
                nextReport = percent / 5 * 5 + 5
                StandardError.print(
                    "  \(percent)%: \(progress.usersWritten)/\(progress.plan.users) users, "
                        + "\(progress.rowsWritten)/\(progress.plan.rows) rows")
            }
        }
        let seconds = (clock.now - start) / .seconds(1)
        let rate = seconds > 0 ? Int(Double(summary.rows) / seconds) : 0
        StandardError.print(
            "wrote \(summary.users) users, \(summary.healthData) health records, \(summary.workouts) workouts "
                + "and \(summary.workouts) race configs (\(summary.rows) rows) in "
                + String(format: "%.1f s", seconds) + " (\(rate) rows/s) to \(location)")
    }
}
