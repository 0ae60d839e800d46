import MotivationEngine

/// The report's conclusion in plain sentences, on the primary metric (the 7-day return rate, all
/// segments): one per arm compared with control, claiming a difference only when its interval
/// excludes zero, and a warning while the planned sample is not reached. The sentences are the
/// `verdict_…` texts of the message catalog, in the settings' language.
struct RetentionVerdict {
    let language: Language
    let style: NumberStyle
    let catalog: MessageCatalog

    init(language: Language, catalog: MessageCatalog = .shared) {
        self.language = language
        style = NumberStyle(language: language)
        self.catalog = catalog
    }

    /// The verdict of `arms` (control first) with the sample `power` asks for.
    static func sentences(
        arms: [RetentionReport.ArmResults], power: RetentionReport.Power, settings: RetentionReportSettings
    ) -> [String] {
        RetentionVerdict(language: settings.language).sentences(arms: arms, power: power, confidence: settings.confidence)
    }

    private func text(_ key: TextKey, _ values: [String: String] = [:]) -> String {
        catalog.text(key, language: language, values)
    }

    func sentences(arms: [RetentionReport.ArmResults], power: RetentionReport.Power, confidence: Double) -> [String] {
        guard arms.contains(where: { $0.players > 0 }) else { return [text(.verdictNoPlayers)] }
        let control = arms[0]
        var sentences: [String] = []
        if control.players == 0 {
            sentences.append(text(.verdictNoControlPlayers, ["arm": control.arm]))
        } else if control.metrics.returnedWithin7Days.included == 0 {
            sentences.append(text(.verdictNoControlWindow))
        } else {
            let level = percent(confidence)
            sentences += arms.dropFirst().map { comparison($0, level: level) }
        }
        if !power.reached { sentences.append(sampleWarning(power)) }
        return sentences
    }

    /// The sentence comparing one arm's 7-day return with control's.
    private func comparison(_ arm: RetentionReport.ArmResults, level: String) -> String {
        let names = Names(arm: arm.arm, verdict: self)
        guard arm.players > 0 else { return text(.verdictArmEmpty, ["players": names.players]) }
        guard let difference = arm.vsControl?.returnedWithin7Days,
            let low = difference.ciLow, let high = difference.ciHigh
        else { return text(.verdictArmNoWindow, ["players": names.players]) }
        let digits = [difference.difference, low, high].contains { $0 != 0 && abs($0) < 0.0005 } ? 2 : 1
        let numbers = text(
            .verdictNumbers,
            [
                "difference": signedPoints(difference.difference, digits: digits), "level": level,
                "low": signedPoints(low, digits: digits), "high": signedPoints(high, digits: digits),
            ])
        if difference.excludesZero {
            return text(difference.difference > 0 ? .verdictMore : .verdictLess, ["subject": names.subject, "numbers": numbers])
        }
        return text(.verdictNoEvidence, ["cause": names.cause, "numbers": numbers])
    }

    /// Asks for more players while the smallest arm has fewer than needed.
    private func sampleWarning(_ power: RetentionReport.Power) -> String {
        let required = style.format(integer: power.requiredPerArm)
        let purpose = text(.verdictPurpose, ["effect": trimmed(power.minimumDetectableEffect * 100), "power": percent(power.power)])
        if power.smallestArmIncluded == 0 {
            return text(.verdictSampleNone, ["arm": power.smallestArm, "required": required, "purpose": purpose])
        }
        return text(
            .verdictSampleSome,
            [
                "included": style.format(integer: power.smallestArmIncluded), "required": required, "purpose": purpose,
                "arm": power.smallestArm,
            ])
    }

    /// How an arm is named in a sentence: by its target policy when it is named after one.
    private struct Names {
        /// "Players shown personal targets".
        var subject: String
        /// "players shown personal targets".
        var players: String
        /// "personal targets change".
        var cause: String

        init(arm: String, verdict: RetentionVerdict) {
            if TargetPolicyKind(rawValue: arm) != nil {
                subject = verdict.text(.verdictPolicySubject, ["policy": arm])
                players = verdict.text(.verdictPolicyPlayers, ["policy": arm])
                cause = verdict.text(.verdictPolicyCause, ["policy": arm])
            } else {
                subject = verdict.text(.verdictArmSubject, ["arm": arm])
                players = verdict.text(.verdictArmPlayers, ["arm": arm])
                cause = verdict.text(.verdictArmCause, ["arm": arm])
            }
        }
    }

    /// A rate difference in points with its sign (minus sign U+2212): `+4.1`, `−2.0`, `0.0`.
    private func signedPoints(_ difference: Double, digits: Int) -> String {
        let text = style.format(abs(difference) * 100, fractionDigits: digits)
        guard text.contains(where: { $0.isNumber && $0 != "0" }) else { return text }
        return (difference > 0 ? "+" : "\u{2212}") + text
    }

    /// A share as a percentage: `95%`, `97.5%` (`95 %` in German).
    private func percent(_ share: Double) -> String {
        text(.percent, ["value": trimmed(share * 100)])
    }

    /// A number with at most one decimal, without a trailing zero decimal: `5`, `2.5`.
    private func trimmed(_ value: Double) -> String {
        let whole = value.rounded()
        return abs(value - whole) < 0.05 ? style.format(whole, fractionDigits: 0) : style.format(value, fractionDigits: 1)
    }
}
