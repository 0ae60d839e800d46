import Foundation

/// One synthetic player's hidden traits, drawn from the player's own random stream: how much
/// they play, their age and body, their latent skill and how fast it grows with practice, and
/// the game configurations they prefer.
struct DemoPlayer {
    /// A game configuration: indexes into `DemoCatalog`.
    struct Configuration: Equatable {
        var mode: Int
        var difficulty: Int
        var duration: Int
    }

    let workoutCount: Int
    /// Age at the end of the history, in years.
    let age: Double
    let sex: Sex
    let hasHealthData: Bool
    /// Skill before the first workout, in standard units (0 is an average newcomer).
    let initialSkill: Double
    /// Skill gained by the end of the learning curve, in standard units.
    let learningGain: Double
    /// Workouts to gain ~63% of `learningGain`.
    let learningPace: Double
    /// Start speed the player settles on as a beginner.
    let preferredSpeed: Double
    let primary: Configuration
    /// A second configuration played now and then, if any.
    let secondary: Configuration?
    /// Share of workouts in `secondary`.
    let secondaryShare: Double
    /// Mean days between workouts.
    let daysBetweenWorkouts: Double

    enum Sex { case female, male }

    /// Workouts per player: log-normal, median 5, mean about 8, heavy players into the hundreds.
    static func drawWorkoutCount(_ random: inout DemoRandom) -> Int {
        let count = Foundation.exp(Foundation.log(5.0) + 1.0 * random.normal()).rounded()
        return Int(min(max(count, 1), 400))
    }

    /// Draws a player; the first draw is `workoutCount`, so counting needs only that draw.
    init(_ random: inout DemoRandom) {
        workoutCount = Self.drawWorkoutCount(&random)
        switch random.pick(weights: [0.07, 0.78, 0.10, 0.05]) {
        case 0: age = random.uniform(7, 18)
        case 1: age = min(max(random.normal(mean: 34, deviation: 8), 18), 50)
        case 2: age = random.uniform(50, 65)
        default: age = random.uniform(65, 88)
        }
        sex = random.chance(0.5) ? .female : .male
        hasHealthData = random.chance(0.88)
        initialSkill = random.normal()
        learningGain = random.uniform(0.3, 1.4)
        learningPace = random.uniform(6, 30)
        preferredSpeed = min(max(random.normal(mean: 4.5 + 0.9 * initialSkill, deviation: 0.8), 1), 9)

        let mode = random.pick(weights: DemoCatalog.gameModes.map(\.weight))
        let skill = initialSkill
        let difficulty = random.pick(weights: DemoCatalog.difficulties.map { $0.weight * Foundation.exp($0.skillPull * skill) })
        let duration = random.pick(weights: DemoCatalog.durations.map(\.weight))
        primary = Configuration(mode: mode, difficulty: difficulty, duration: duration)
        if random.chance(0.35) {
            var other = primary
            switch random.integer(in: 0...2) {
            case 0: other.mode = (mode + random.integer(in: 1...DemoCatalog.gameModes.count - 1)) % DemoCatalog.gameModes.count
            case 1:
                other.difficulty =
                    (difficulty + random.integer(in: 1...DemoCatalog.difficulties.count - 1)) % DemoCatalog.difficulties.count
            default: other.duration = (duration + random.integer(in: 1...DemoCatalog.durations.count - 1)) % DemoCatalog.durations.count
            }
            secondary = other
            secondaryShare = random.uniform(0.1, 0.4)
        } else {
            secondary = nil
            secondaryShare = 0
        }
        daysBetweenWorkouts = random.uniform(1.5, 10)
    }

    /// Skill after `practice` earlier workouts: rises quickly at first, then levels off.
    func skill(afterWorkouts practice: Int) -> Double {
        initialSkill + learningGain * (1 - Foundation.exp(-Double(practice) / learningPace))
    }

    /// How age shapes a score at the same skill, a smooth curve like the grip-strength and
    /// fitness norms: rising through childhood (0.55 at 7), a peak at 27, then a decline that
    /// steepens with age (0.92 at 45, 0.77 at 65, 0.55 at 88). Skill is drawn independently of
    /// age, so a fair level depends on skill alone and this curve is the truth an age curve
    /// should recover.
    static func ageFactor(_ age: Double) -> Double {
        if age < 27 { return 1 - 0.45 * Foundation.pow(min(27 - age, 20) / 20, 1.6) }
        return 1 - 0.45 * Foundation.pow(min(age - 27, 61) / 61, 1.4)
    }
}
