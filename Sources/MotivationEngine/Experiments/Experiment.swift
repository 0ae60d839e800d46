import Foundation

/// A retention experiment: from its start, each player who is shown a target gets an arm,
/// picked by a hash of their id and the experiment's name, so the same player gets the same
/// arm in every process, on every replica and after every restart, without shared state.
///
/// The configuration file (`--experiments FILE`) holds a list of them:
///
/// ```json
/// {"experiments": [{"name": "targets-2026-12", "start": "2026-12-01T00:00:00Z",
///   "arms": [{"name": "control", "share": 0.25}, {"name": "cohort", "share": 0.25, "policy": "cohort"},
///            {"name": "personal", "share": 0.25, "policy": "personal"},
///            {"name": "blended", "share": 0.25, "policy": "blended"}],
///   "minimum_detectable_effect": 0.05}]}
/// ```
public struct Experiment: Codable, Sendable, Equatable {
    /// The experiment's name; part of the assignment hash, so renaming reshuffles the players.
    public var name: String
    /// From when players are assigned.
    public var start: Date
    /// Until when (nil: until it is removed from the configuration).
    public var end: Date?
    /// The arms, `control` among them, with their shares.
    public var arms: [ExperimentArm]
    /// The smallest difference in the 7-day return rate the experiment is planned to detect
    /// (absolute, 0.05 = 5 points); sets the sample the report asks for.
    public var minimumDetectableEffect: Double

    enum CodingKeys: String, CodingKey {
        case name, start, end, arms
        case minimumDetectableEffect = "minimum_detectable_effect"
    }

    /// An experiment running from `start` (until `end`, if given) with `arms`.
    public init(name: String, start: Date, end: Date? = nil, arms: [ExperimentArm], minimumDetectableEffect: Double = 0.05) {
        self.name = name
        self.start = start
        self.end = end
        self.arms = arms
        self.minimumDetectableEffect = minimumDetectableEffect
    }

    /// Decodes the experiment; a missing `minimum_detectable_effect` is 0.05.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        start = try container.decode(Date.self, forKey: .start)
        end = try container.decodeIfPresent(Date.self, forKey: .end)
        arms = try container.decode([ExperimentArm].self, forKey: .arms)
        minimumDetectableEffect = try container.decodeIfPresent(Double.self, forKey: .minimumDetectableEffect) ?? 0.05
    }

    /// The name of the arm without a target, the report's baseline.
    public static let controlArm = "control"

    /// Whether players are assigned at `date`.
    public func isRunning(at date: Date) -> Bool {
        date >= start && end.map { date < $0 } ?? true
    }

    /// The arm of `userId`: a point in [0, 1) from the FNV-1a hash of `name:userId` (mixed, so
    /// that ids differing in one digit spread evenly), placed among the arms' cumulative shares.
    public func arm(for userId: String) -> ExperimentArm {
        let point = Self.unitInterval(StableHash.fnv1a64(name + ":" + userId))
        var cumulative = 0.0
        for arm in arms {
            cumulative += arm.share
            if point < cumulative { return arm }
        }
        return arms[arms.count - 1]
    }

    /// A uniform point in [0, 1) from a hash (SplitMix64's finaliser, then the top 53 bits).
    static func unitInterval(_ hash: UInt64) -> Double {
        var z = hash &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1p-53
    }

    /// What is wrong with the experiment, naming the field; nil when it can run.
    public var problem: String? {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return "name: must not be empty" }
        if arms.isEmpty { return "\(name).arms: needs at least one arm" }
        if let arm = arms.first(where: { !($0.share.isFinite && $0.share > 0) }) {
            return "\(name).arms.\(arm.name).share: must be a positive number, got \(arm.share)"
        }
        let total = arms.reduce(0) { $0 + $1.share }
        if abs(total - 1) > 1e-6 { return "\(name).arms: the shares must add up to 1, they add up to \(total)" }
        if Set(arms.map(\.name)).count != arms.count { return "\(name).arms: arm names must be unique" }
        if let end, end <= start { return "\(name).end: must be after start" }
        if !(minimumDetectableEffect > 0 && minimumDetectableEffect < 1) {
            return "\(name).minimum_detectable_effect: must be between 0 and 1, got \(minimumDetectableEffect)"
        }
        return nil
    }
}
