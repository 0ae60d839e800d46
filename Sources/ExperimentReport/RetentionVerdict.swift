import MotivationEngine
/// The report's conclusion in plain English sentences, on the primary metric (the 7-day return
/// rate, all segments): one per arm compared with control, claiming a difference only when its
/// interval excludes zero, and a warning while the planned sample is not reached.
enum RetentionVerdict {
    static func sentences(
        arms: [RetentionReport.ArmResults], power: RetentionReport.Power, settings: RetentionReportSettings
    ) -> [String] {
        guard arms.contains(where: { $0.players > 0 }) else {
            return ["No players have been exposed in this experiment yet; there is nothing to compare."]
        }
        let control = arms[0]
        var sentences: [String] = []
        if control.players == 0 {
            sentences.append("No players are in the control arm “\(control.arm)”, so no arm can be compared with control.")
        } else if control.metrics.returnedWithin7Days.included == 0 {
            sentences.append("No control player has a complete 7-day window yet, so no arm can be compared with control.")
        } else {
            let level = percent(settings.confidence)
            sentences += arms.dropFirst().map { comparison($0, level: level) }
        }
        if !power.reached { sentences.append(sampleWarning(power)) }
        return sentences
    }

    /// The sentence comparing one arm's 7-day return with control's.
    private static func comparison(_ arm: RetentionReport.ArmResults, level: String) -> String {
        let names = Names(arm: arm.arm)
        guard arm.players > 0 else { return "No \(names.players) yet." }
        guard let difference = arm.vsControl?.returnedWithin7Days,
            let low = difference.ciLow, let high = difference.ciHigh
        else { return "No one among the \(names.players) has a complete 7-day window yet." }
        let digits = [difference.difference, low, high].contains { $0 != 0 && abs($0) < 0.0005 } ? 2 : 1
        let numbers = "\(signedPoints(difference.difference, digits: digits)) points "
            + "(\(level) CI \(signedPoints(low, digits: digits)) to \(signedPoints(high, digits: digits)))"
        if difference.excludesZero {
            let direction = difference.difference > 0 ? "more" : "less"
            return "\(names.subject) returned within 7 days \(direction) often than control: \(numbers)."
        }
        return "No evidence that \(names.cause) 7-day return: \(numbers); the interval includes no difference."
    }

    /// Asks for more players while the smallest arm has fewer than needed.
    private static func sampleWarning(_ power: RetentionReport.Power) -> String {
        let style = NumberStyle.english
        let required = style.format(integer: power.requiredPerArm)
        let purpose = "to detect a \(trimmed(power.minimumDetectableEffect * 100))-point difference "
            + "(\(percent(power.power)) power)"
        if power.smallestArmIncluded == 0 {
            return "No player in the “\(power.smallestArm)” arm has a complete 7-day window yet, and \(required) "
                + "per arm are needed \(purpose); keep the experiment running."
        }
        return "Only \(style.format(integer: power.smallestArmIncluded)) of the \(required) players per arm needed "
            + "\(purpose) have a complete 7-day window in the smallest arm (“\(power.smallestArm)”); "
            + "keep the experiment running."
    }

    /// How an arm is named in a sentence: by its target policy when it is named after one.
    private struct Names {
        /// "Players shown personal targets".
        var subject: String
        /// "players shown personal targets".
        var players: String
        /// "personal targets change".
        var cause: String

        init(arm: String) {
            if TargetPolicyKind(rawValue: arm) != nil {
                subject = "Players shown \(arm) targets"
                players = "players shown \(arm) targets"
                cause = "\(arm) targets change"
            } else {
                subject = "Players in the “\(arm)” arm"
                players = "players in the “\(arm)” arm"
                cause = "the “\(arm)” arm changes"
            }
        }
    }

    /// A rate difference in points with its sign (minus sign U+2212): `+4.1`, `−2.0`, `0.0`.
    private static func signedPoints(_ difference: Double, digits: Int) -> String {
        let text = NumberStyle.english.format(abs(difference) * 100, fractionDigits: digits)
        guard text.contains(where: { $0 != "0" && $0 != "." }) else { return text }
        return (difference > 0 ? "+" : "\u{2212}") + text
    }

    /// A share as a percentage: `95%`, `97.5%`.
    private static func percent(_ share: Double) -> String {
        "\(trimmed(share * 100))%"
    }

    /// A number with at most one decimal, without a trailing `.0`: `5`, `2.5`.
    private static func trimmed(_ value: Double) -> String {
        let text = NumberStyle.english.format(value, fractionDigits: 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
