import Testing

@testable import MotivationEngine

@Suite("Message number formatting")
struct MessageNumberStyleTests {
    @Test("integers with grouping per language")
    func integers() {
        let en = NumberStyle.english, de = NumberStyle.swissGerman, fr = NumberStyle.swissFrench
        #expect(en.format(integer: 0) == "0")
        #expect(en.format(integer: 999) == "999")
        #expect(en.format(integer: 1000) == "1,000")
        #expect(en.format(integer: 11000) == "11,000")
        #expect(en.format(integer: 1_234_567) == "1,234,567")
        #expect(de.format(integer: 0) == "0")
        #expect(de.format(integer: 999) == "999")
        #expect(de.format(integer: 1000) == "1\u{2019}000")
        #expect(de.format(integer: 11000) == "11’000")
        #expect(de.format(integer: 1_234_567) == "1\u{2019}234\u{2019}567")
        #expect(fr.format(integer: 0) == "0")
        #expect(fr.format(integer: 999) == "999")
        #expect(fr.format(integer: 1000) == "1\u{202F}000")
        #expect(fr.format(integer: 1_234_567) == "1\u{202F}234\u{202F}567")
        #expect(en.format(integer: 100_000) == "100,000")
        #expect(en.format(integer: 1_000_000) == "1,000,000")
    }

    @Test("negative integers keep their sign and grouping")
    func negatives() {
        #expect(NumberStyle.english.format(integer: -1_234_567) == "-1,234,567")
        #expect(NumberStyle.swissFrench.format(integer: -999) == "-999")
        #expect(NumberStyle.english.format(integer: Int.min) == "-9,223,372,036,854,775,808")
        #expect(NumberStyle.english.format(integer: Int.max) == "9,223,372,036,854,775,807")
    }

    @Test("decimals per language")
    func decimals() {
        let en = NumberStyle.english, de = NumberStyle.swissGerman, fr = NumberStyle.swissFrench
        #expect(en.format(68.4, fractionDigits: 1) == "68.4")
        #expect(de.format(68.4, fractionDigits: 1) == "68.4")
        #expect(fr.format(68.4, fractionDigits: 1) == "68,4")
        #expect(en.format(1234.567, fractionDigits: 2) == "1,234.57")
        #expect(de.format(1234.567, fractionDigits: 2) == "1’234.57")
        #expect(fr.format(1234.5, fractionDigits: 1) == "1\u{202F}234,5")
        #expect(en.format(0, fractionDigits: 2) == "0.00")
        #expect(en.format(0.05, fractionDigits: 1) == "0.1")
        #expect(en.format(2.5, fractionDigits: 0) == "3")
        #expect(en.format(-2.25, fractionDigits: 1) == "-2.3")
        #expect(en.format(-0.004, fractionDigits: 2) == "0.00", "no negative zero")
        #expect(en.format(0.007, fractionDigits: 3) == "0.007")
        #expect(en.format(.nan, fractionDigits: 1) == "NaN")
        #expect(en.format(1e20, fractionDigits: 0) == "100,000,000,000,000,000,000")
    }

    @Test("English ordinals, teens included")
    func englishOrdinals() {
        let cases: [(Int, String)] = [
            (0, "0th"), (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (10, "10th"),
            (11, "11th"), (12, "12th"), (13, "13th"), (14, "14th"), (21, "21st"), (22, "22nd"),
            (23, "23rd"), (68, "68th"), (100, "100th"), (101, "101st"), (102, "102nd"),
            (111, "111th"), (112, "112th"), (113, "113th"), (1001, "1,001st"),
        ]
        for (value, expected) in cases {
            #expect(NumberStyle.english.ordinal(value) == expected)
        }
    }

    @Test("German and French ordinals")
    func otherOrdinals() {
        #expect(NumberStyle.swissGerman.ordinal(68) == "68.")
        #expect(NumberStyle.swissGerman.ordinal(1) == "1.")
        #expect(NumberStyle.swissGerman.ordinal(11) == "11.")
        #expect(NumberStyle.swissFrench.ordinal(1) == "1er")
        #expect(NumberStyle.swissFrench.ordinal(2) == "2e")
        #expect(NumberStyle.swissFrench.ordinal(11) == "11e")
        #expect(NumberStyle.swissFrench.ordinal(21) == "21e")
        #expect(NumberStyle.swissFrench.ordinal(68) == "68e")
    }

    @Test("percentiles are ordinals of the rounded value, within 0…100")
    func percentileOrdinals() {
        #expect(NumberStyle.english.percentileOrdinal(68.4) == "68th")
        #expect(NumberStyle.english.percentileOrdinal(68.5) == "69th")
        #expect(NumberStyle.english.percentileOrdinal(0.6) == "1st")
        #expect(NumberStyle.english.percentileOrdinal(11.2) == "11th")
        #expect(NumberStyle.english.percentileOrdinal(99.6) == "100th")
        #expect(NumberStyle.english.percentileOrdinal(-3) == "0th")
        #expect(NumberStyle.english.percentileOrdinal(.nan) == "0th")
        #expect(NumberStyle.swissGerman.percentileOrdinal(74.6) == "75.")
        #expect(NumberStyle.swissFrench.percentileOrdinal(0.7) == "1er")
    }

    @Test("scores and points are whole, rounded up, never negative")
    func wholeScores() {
        #expect(NumberStyle.wholeScore(11000) == 11000)
        #expect(NumberStyle.wholeScore(10999.2) == 11000)
        #expect(NumberStyle.wholeScore(11000.000000001) == 11000, "floating-point noise is not a point")
        #expect(NumberStyle.wholeScore(0.3) == 1)
        #expect(NumberStyle.wholeScore(0) == 0)
        #expect(NumberStyle.wholeScore(-5) == 0)
        #expect(NumberStyle.wholeScore(.nan) == 0)
        #expect(NumberStyle.english.formatScore(160_999.2) == "161,000")
        #expect(NumberStyle.swissGerman.formatScore(-12) == "0")
    }

    @Test("language from tags and locale identifiers")
    func languageIdentifiers() {
        #expect(Language(identifier: "de") == .de)
        #expect(Language(identifier: "de-CH") == .de)
        #expect(Language(identifier: "fr_CH") == .fr)
        #expect(Language(identifier: "EN") == .en)
        #expect(Language(identifier: "en-GB") == .en)
        #expect(Language(identifier: " fr ") == .fr)
        #expect(Language(identifier: "it") == nil)
        #expect(Language(identifier: "") == nil)
        #expect(Language(identifier: "english") == nil)
        #expect(Language.de.numberStyle == .swissGerman)
    }
}
