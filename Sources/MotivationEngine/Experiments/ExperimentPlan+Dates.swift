import Foundation

/// The dates of experiments and reports (an experiment's start and end, a report's as-of):
/// read strictly, so that a typo is an error rather than another day.
extension ExperimentPlan {
    /// The years a date may name: a mistyped year (99999, 0202) is refused rather than read.
    public static let dateYears = 2000...2100

    /// What `parseDate` takes, for error messages (`as_of: must be …, got '…'`).
    public static let dateFormat =
        "a date (2026-12-01) or an ISO 8601 time (2026-12-01T09:00:00Z) in the years \(dateYears.lowerBound) to \(dateYears.upperBound)"

    /// A UTC date (`2026-12-01`) or an ISO 8601 time (`2026-12-01T09:00:00Z`, with fractional
    /// seconds or an offset such as `+01:00` instead of `Z`). The whole text must be the date,
    /// a day the calendar has (not 2026-02-30) at a time of day that exists, in `dateYears`;
    /// anything else is nil.
    public static func parseDate(_ text: String) -> Date? {
        var reader = DateReader(bytes: Array(text.utf8))
        guard let year = reader.digits(4), reader.consume("-"), let month = reader.digits(2), reader.consume("-"),
            let day = reader.digits(2)
        else { return nil }
        var time = (hour: 0, minute: 0, second: 0)
        var fraction = 0.0
        var offsetSeconds = 0
        if reader.consume("T") {
            guard let hour = reader.digits(2), reader.consume(":"), let minute = reader.digits(2), reader.consume(":"),
                let second = reader.digits(2)
            else { return nil }
            time = (hour, minute, second)
            if reader.consume(".") {
                guard let digits = reader.fractionDigits() else { return nil }
                fraction = digits
            }
            if !reader.consume("Z") {
                let sign = reader.consume("+") ? 1 : reader.consume("-") ? -1 : 0
                guard sign != 0, let hours = reader.digits(2), reader.consume(":"), let minutes = reader.digits(2),
                    hours <= 23, minutes <= 59
                else { return nil }
                offsetSeconds = sign * (hours * 3_600 + minutes * 60)
            }
        }
        guard reader.atEnd, dateYears.contains(year) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let components = DateComponents(year: year, month: month, day: day, hour: time.hour, minute: time.minute, second: time.second)
        // The calendar rolls an impossible day or time over (February 30 is March 2): it must come back as given.
        guard let date = calendar.date(from: components) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        guard back.year == year, back.month == month, back.day == day, back.hour == time.hour, back.minute == time.minute,
            back.second == time.second
        else { return nil }
        return date.addingTimeInterval(fraction - Double(offsetSeconds))
    }
}

/// The bytes of a date, read from the front.
private struct DateReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// Exactly `count` ASCII digits as a number.
    mutating func digits(_ count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        return value
    }

    /// One to nine digits after a decimal point, as the fraction of a second.
    mutating func fractionDigits() -> Double? {
        let start = index
        while index < bytes.count, index - start < 9, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        guard index > start else { return nil }
        return Double("0." + String(decoding: bytes[start..<index], as: UTF8.self))
    }
}
