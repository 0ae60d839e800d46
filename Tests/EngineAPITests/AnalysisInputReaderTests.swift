import Foundation
import MotivationEngine
import Testing

@testable import EngineAPI

@Suite("AnalysisInputReader")
struct AnalysisInputReaderTests {
    static func read(_ text: String) -> AnalysisInput? {
        Array(text.utf8).withUnsafeBytes(AnalysisInputReader.read)
    }

    static func foundation(_ text: String) -> AnalysisInput? {
        try? AnalysisInputDecoding.decode(Data(text.utf8))
    }

    @Test(
        "the inputs callers send are read, equal to JSONDecoder's",
        arguments: [
            #"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10,"score":150000,"age":25.5,"startSpeed":5.0}"#,
            #"{"score":0}"#,
            #" { "score" : 1.5e3 , "age" : null , "startSpeed" : null , "user_id" : "42" } "#,
            #"{"score":150000,"user_id":42,"game_mode":"Zürich 漢","difficulty":0,"duration_minutes":10.4}"#,
            "{\n\t\"score\": 99.25,\r\n\"unknown\": [1]}".replacingOccurrences(of: "[1]", with: "true"),
            #"{"score":-0.0,"age":1E2,"startSpeed":0.000123,"other":"x","more":null,"flag":false}"#,
            #"{"score":150000,"user_id":7,"target_policy":"blended"}"#,
            #"{"score":150000,"target_policy":null,"recent_scores":null}"#,
            #"{"score":150000,"target_policy":"personal","recent_scores":[131000, 142000.5 ,1e5]}"#,
            #"{"score":1,"recent_scores":[]}"#,
        ])
    func commonInputs(text: String) throws {
        let ours = try #require(Self.read(text), "declined")
        #expect(ours == Self.foundation(text))
    }

    @Test(
        "what it does not handle is declined, so that JSONDecoder words the error",
        arguments: [
            "", "{", "[]", "null", #"{"score":null}"#, #"{"age":25}"#, #"{"score":1,}"#, #"{"score":1}x"#,
            #"{"score":01}"#, #"{"score":1.}"#, #"{"score":.5}"#, #"{"score":1e}"#, #"{"score":1e400}"#,
            #"{"score":"150000"}"#, #"{"score":1,"score":2}"#, #"{"score":1,"difficulty":1.5}"#,
            #"{"score":1,"difficulty":1e2}"#, #"{"score":1,"difficulty":12345678901234567}"#,
            #"{"score":1,"game_mode":"a\"b"}"#, #"{"score":1,"game_mode":7}"#, #"{"score":1,"x":{"y":1}}"#,
            #"{"score":1,"x":[1]}"#, #"{"sc\u006fre":1}"#, #"{"score":+1}"#, #"{"score":NaN}"#, #"{"score":1 2}"#,
            #"{"score":1,"target_policy":"hardest"}"#, #"{"score":1,"target_policy":1}"#, #"{"score":1,"recent_scores":"AAA"}"#,
            #"{"score":1,"recent_scores":1}"#, #"{"score":1,"recent_scores":[1,"2"]}"#, #"{"score":1,"recent_scores":[1,]}"#,
            #"{"score":1,"recent_scores":[[1]]}"#, #"{"score":1,"recent_scores":[1e400]}"#, #"{"score":1,"recent_scores":{}}"#,
        ])
    func declined(text: String) {
        #expect(Self.read(text) == nil)
    }

    @Test("invalid UTF-8 in a string is declined")
    func invalidUTF8() {
        let bytes = Array(#"{"score":1,"game_mode":"a"#.utf8) + [0xFF] + Array(#""}"#.utf8)
        #expect(bytes.withUnsafeBytes(AnalysisInputReader.read) == nil)
    }

    /// Random inputs around the accepted shape: whatever the reader accepts, JSONDecoder decodes
    /// to the same value; and it does accept inputs (a reader that declined everything would pass the first half).
    @Test("on 20,000 generated inputs, every input it reads equals JSONDecoder's")
    func generated() throws {
        var random = SystemRandomNumberGenerator()
        var accepted = 0
        for _ in 0..<20_000 {
            let text = Self.generate(&random)
            guard let ours = Self.read(text) else { continue }
            accepted += 1
            let theirs = Self.foundation(text)
            #expect(ours == theirs, "\(text)")
        }
        #expect(accepted > 2_000)  // about 1 in 6 of these inputs is well-formed throughout
    }

    @Test("a batch array is read item by item, equal to JSONDecoder's; one declined item declines the batch")
    func arrays() throws {
        var random = SystemRandomNumberGenerator()
        var items: [String] = []
        while items.count < 200 {
            let text = Self.generate(&random)
            if Self.read(text) != nil { items.append(text) }
        }
        let body = " [" + items.joined(separator: ",\n") + "] "
        let ours = try #require(Array(body.utf8).withUnsafeBytes(AnalysisInputReader.readArray))
        #expect(ours == (try JSONDecoder().decode([AnalysisInput].self, from: Data(body.utf8))))
        #expect(Array("[]".utf8).withUnsafeBytes(AnalysisInputReader.readArray) == [])
        for bad in ["[" + items[0] + #",{"score":"1"}]"#, "[" + items[0], "[" + items[0] + "]]", "{}"] {
            #expect(Array(bad.utf8).withUnsafeBytes(AnalysisInputReader.readArray) == nil, "\(bad)")
        }
    }

    static func generate(_ random: inout SystemRandomNumberGenerator) -> String {
        let numbers = [
            "0", "-0", "1", "-1", "150000", "150000.5", "1e5", "1E-5", "2.5e+3", "-3.25", "0.1", "123456789.123456789",
            "1e308", "4.9e-324", "99999999999999999999", "7.0", "01", "1.", "1e400", "-",
            "\(Double.random(in: -1e6...1e6, using: &random))",
            "\(Int.random(in: -100_000...100_000, using: &random))",
            "\(Double.random(in: 0...1, using: &random))e\(Int.random(in: -30...30, using: &random))",
        ]
        let strings = [#""DualFlow""#, #""""#, #""漢字 ü""#, #""a\"b""#, #""\u0041""#, #""x""#]
        func value() -> String {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: return "null"
            case 1: return strings.randomElement(using: &random)!
            case 2: return ["true", "false", "[1]", "{}"].randomElement(using: &random)!
            default: return numbers.randomElement(using: &random)!
            }
        }
        let keys = ["game_mode", "difficulty", "duration_minutes", "score", "age", "startSpeed", "user_id", "recent_scores", "other"]
        var fields = ["\"score\":" + numbers.randomElement(using: &random)!]
        for key in keys where Bool.random(using: &random) {
            // Mostly a value of the field's own type, sometimes anything.
            let typed: String
            switch key {
            case "game_mode": typed = strings.randomElement(using: &random)!
            case "difficulty", "user_id": typed = "\(Int.random(in: -5...100_000, using: &random))"
            case "recent_scores":
                typed =
                    "["
                    + (0..<Int.random(in: 0...3, using: &random)).map { _ in numbers.randomElement(using: &random)! }.joined(separator: ",")
                    + "]"
            default: typed = numbers.randomElement(using: &random)!
            }
            fields.append("\"\(key)\":" + (Int.random(in: 0..<4, using: &random) == 0 ? value() : typed))
        }
        fields.shuffle(using: &random)
        let space = [" ", "", "\n", "\t"].randomElement(using: &random)!
        return "{" + space + fields.joined(separator: "," + space) + space + "}"
    }
}
