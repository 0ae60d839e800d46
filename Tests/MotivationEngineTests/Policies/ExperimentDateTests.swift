import Foundation
import MotivationEngine
import Testing

/// `ExperimentPlan.parseDate`, behind the experiments file, `report --as-of` and `?as_of=`: the
/// whole text is a real date or time in a plausible year, or it is refused.
@Suite("Experiment dates")
struct ExperimentDateTests {
    static func time(_ seconds: TimeInterval) -> Date { Date(timeIntervalSince1970: seconds) }

    @Test(
        "dates and ISO 8601 times are read in UTC",
        arguments: [
            ("2026-12-01", 1_796_083_200.0), ("2026-12-01T00:00:00Z", 1_796_083_200), ("2026-12-01T09:30:15Z", 1_796_117_415),
            ("2026-12-01T09:30:15.25Z", 1_796_117_415.25), ("2026-12-01T10:30:15+01:00", 1_796_117_415),
            ("2026-12-01T04:00:15-05:30", 1_796_117_415), ("2024-02-29", 1_709_164_800), ("2000-01-01", 946_684_800),
            ("2100-12-31T23:59:59Z", 4_133_980_799),
        ])
    func valid(text: String, seconds: Double) {
        #expect(ExperimentPlan.parseDate(text) == Self.time(seconds))
    }

    @Test(
        "anything else is refused: trailing text, impossible days and times, implausible years, other shapes",
        arguments: [
            "2026-12-01garbage", "2026-12-01' OR '1'='1", "2026-12-01 ", " 2026-12-01", "2026-12-01T", "2026-12-01T09:30Z",
            "2026-12-01T09:30:15", "2026-12-01T09:30:15Zx", "2026-12-01T09:30:15.Z", "2026-12-01T09:30:15+1:00",
            "2026-12-01T09:30:15+24:00", "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-12-00", "2026-12-32",
            "2026-12-01T24:00:00Z", "2026-12-01T23:60:00Z", "2026-12-01T23:59:60Z", "99999-01-01", "1999-12-31", "2101-01-01",
            "0202-01-01", "2026-1-01", "2026/12/01", "20261201", "", "2026-12-01t09:30:15z", "٢٠٢٦-١٢-٠١",
            "2026-12-01T09:30:15.1234567890Z",
        ])
    func invalid(text: String) {
        #expect(ExperimentPlan.parseDate(text) == nil)
    }

    @Test("the experiments file refuses an impossible start and says what a date must be")
    func experimentsFile() {
        let json = #"{"experiments": [{"name": "a", "start": "2026-02-30", "arms": [{"name": "control", "share": 1}]}]}"#
        #expect {
            try ExperimentPlan.decode(Data(json.utf8), file: "x.json")
        } throws: { error in
            "\(error)".contains("2026-02-30") && "\(error)".contains("in the years 2000 to 2100")
        }
    }
}
