import MotivationEngine

/// The powers of ten that a `Double` holds exactly: 10⁰ … 10²².
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

private let minus = UInt8(ascii: "-")
private let plus = UInt8(ascii: "+")
private let dot = UInt8(ascii: ".")
private let zero = UInt8(ascii: "0")

/// Reads a plain decimal number, `[+-]digits[.digits][(e|E)[+-]digits]`, with at least one
/// digit before or after the point (`5.`, `.5`). Returns nil for anything else — empty text,
/// spaces, hexadecimal, `inf`, `nan` — and for magnitudes too large for a finite `Double`.
///
/// The result is bit-identical to `Double(String)` on the same text. Numbers with at most 19
/// significant digits whose value is an integer below 2⁵³ scaled by 10^±22 or less (nearly all
/// real data) take Clinger's fast path: one exact conversion and one correctly rounded
/// multiplication or division. Everything else goes to `Double(String)` itself.
func parseDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
    let count = text.count
    var index = 0
    var negative = false
    if index < count, text[index] == minus || text[index] == plus {
        negative = text[index] == minus
        index += 1
    }

    var mantissa: UInt64 = 0
    var significantDigits = 0
    var digits = 0
    var exponent = 0
    while index < count {
        let digit = text[index] &- zero
        guard digit < 10 else { break }
        if mantissa != 0 || digit != 0 { significantDigits += 1 }
        mantissa = mantissa &* 10 &+ UInt64(digit)
        digits += 1
        index += 1
    }
    if index < count, text[index] == dot {
        index += 1
        while index < count {
            let digit = text[index] &- zero
            guard digit < 10 else { break }
            if mantissa != 0 || digit != 0 { significantDigits += 1 }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            exponent -= 1
            digits += 1
            index += 1
        }
    }
    guard digits > 0 else { return nil }

    if index < count, text[index] | 0x20 == UInt8(ascii: "e") {
        index += 1
        var exponentNegative = false
        if index < count, text[index] == minus || text[index] == plus {
            exponentNegative = text[index] == minus
            index += 1
        }
        var exponentDigits = 0
        var explicitExponent = 0
        while index < count {
            let digit = text[index] &- zero
            guard digit < 10 else { break }
            // Saturate: anything past 10⁵ is already far outside the range of a Double.
            if explicitExponent < 100_000 { explicitExponent = explicitExponent * 10 + Int(digit) }
            exponentDigits += 1
            index += 1
        }
        guard exponentDigits > 0 else { return nil }
        exponent += exponentNegative ? -explicitExponent : explicitExponent
    }
    guard index == count else { return nil }

    // Up to 19 significant digits fit a UInt64 without wrapping.
    if significantDigits <= 19 {
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let exact = Double(mantissa)
            let value =
                exponent < 0
                ? exact / exactPowersOfTen[-exponent] : exact * exactPowersOfTen[exponent]
            return negative ? -value : value
        }
    }
    guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
        return nil
    }
    return value
}
