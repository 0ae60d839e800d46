import Foundation
import Testing

@testable import MotivationEngine

@Suite("Message catalog: operator directories and their errors")
struct MessageCatalogErrorTests {
    /// A fresh directory holding copies of the shipped files.
    private func directoryWithShippedFiles() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("message-catalog-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let shipped = try #require(MessageCatalog.bundledDirectory)
        for language in Language.allCases {
            try FileManager.default.copyItem(
                at: shipped.appendingPathComponent("\(language.rawValue).json"),
                to: directory.appendingPathComponent("\(language.rawValue).json"))
        }
        return directory
    }

    /// The shipped English file as a JSON object.
    private func englishObject() throws -> [String: Any] {
        let url = try #require(MessageCatalog.bundledDirectory).appendingPathComponent("en.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// Loads a directory whose `en.json` is the shipped one changed by `edit`.
    private func loadEditedEnglish(_ edit: (inout [String: Any]) -> Void) throws -> MessageCatalog {
        var object = try englishObject()
        edit(&object)
        return try loadEnglish(JSONSerialization.data(withJSONObject: object))
    }

    private func loadEnglish(_ data: Data) throws -> MessageCatalog {
        let directory = try directoryWithShippedFiles()
        defer { try? FileManager.default.removeItem(at: directory) }
        try data.write(to: directory.appendingPathComponent("en.json"))
        return try MessageCatalog(directory: directory)
    }

    private func editMessages(_ object: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        var messages = object["messages"] as! [String: Any]
        edit(&messages)
        object["messages"] = messages
    }

    @Test("an unchanged copy of the shipped files loads, renders the same, and README files are ignored")
    func copyLoads() throws {
        let directory = try directoryWithShippedFiles()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("notes".utf8).write(to: directory.appendingPathComponent("README.md"))
        let catalog = try MessageCatalog(directory: directory, fallback: nil)
        let values = MessageCatalogTests.values
        for language in Language.allCases {
            for status in TargetStatus.allCases {
                #expect(
                    catalog.message(for: status, language: language, values: values, variantKey: "u1")
                        == MessageCatalog.shared.message(for: status, language: language, values: values, variantKey: "u1"))
            }
        }
    }

    @Test("an operator's edited file replaces the shipped one; other languages fall back")
    func editedFile() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("message-catalog-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var object = try englishObject()
        object["messages"] =
            Dictionary(
                uniqueKeysWithValues: TargetStatus.allCases.map {
                    ($0.rawValue, [$0 == .noTarget ? "Go, {level}!" : "Go, {level}: {points} points to {target}!"] as [Any])
                }) as [String: Any]
        try JSONSerialization.data(withJSONObject: object).write(to: directory.appendingPathComponent("en.json"))
        let catalog = try MessageCatalog(directory: directory)
        let values = MessageCatalogTests.values
        #expect(
            catalog.message(for: .inRange, language: .en, values: values, variantKey: "x")
                == "Go, Advanced: 11,000 points to 161,000!")
        #expect(
            catalog.message(for: .inRange, language: .de, values: values, variantKey: "x")
                == MessageCatalog.shared.message(for: .inRange, language: .de, values: values, variantKey: "x"))
        #expect(throws: MessageCatalogError.missingLanguage(.de, directory: directory.path)) {
            try MessageCatalog(directory: directory, fallback: nil)
        }
    }

    @Test("a missing status is named")
    func missingStatus() throws {
        let error = try #require(throws: MessageCatalogError.self) {
            try loadEditedEnglish { object in editMessages(&object) { $0["in_range"] = nil } }
        }
        #expect(error == .missingStatus(file: "en.json", status: .inRange))
        #expect(
            error.description.contains("en.json") && error.description.contains("in_range")
                && error.description.contains("missing status"))
    }

    @Test("an unknown placeholder is named with its status and variant")
    func unknownPlaceholder() throws {
        let error = try #require(throws: MessageCatalogError.self) {
            try loadEditedEnglish { object in
                editMessages(&object) { $0["approaching"] = ["{points} to go", "Reach {targte} now!"] }
            }
        }
        #expect(error == .unknownPlaceholder(file: "en.json", status: .approaching, variant: 1, placeholder: "targte"))
        #expect(
            error.description.contains("en.json") && error.description.contains("approaching")
                && error.description.contains("{targte}") && error.description.contains("variant 2"))
    }

    @Test("an empty variant list is named")
    func emptyVariantList() throws {
        let error = try #require(throws: MessageCatalogError.self) {
            try loadEditedEnglish { object in editMessages(&object) { $0["top_of_range"] = [String]() } }
        }
        #expect(error == .emptyVariantList(file: "en.json", status: .topOfRange))
        #expect(
            error.description.contains("en.json") && error.description.contains("top_of_range")
                && error.description.contains("empty variant list"))
    }

    @Test("invalid JSON is named")
    func invalidJSON() throws {
        let error = try #require(throws: MessageCatalogError.self) {
            try loadEnglish(Data("{\"messages\": {\"below_range\": [\"unterminated".utf8))
        }
        guard case .invalidJSON(let file, _) = error else {
            Issue.record("expected invalidJSON, got \(error)")
            return
        }
        #expect(file == "en.json")
        #expect(error.description.contains("en.json") && error.description.contains("invalid JSON"))
        #expect(throws: MessageCatalogError.self) { try loadEnglish(Data("[1, 2]".utf8)) }
    }

    @Test("other problems: unknown status, blank variant, brace, misplaced placeholder, denied word, wrong shape")
    func otherProblems() throws {
        #expect(throws: MessageCatalogError.unknownStatus(file: "en.json", key: "aproaching")) {
            try loadEditedEnglish { object in editMessages(&object) { $0["aproaching"] = ["{points}"] } }
        }
        #expect(throws: MessageCatalogError.emptyVariant(file: "en.json", status: .belowRange, variant: 0)) {
            try loadEditedEnglish { object in editMessages(&object) { $0["below_range"] = ["  "] } }
        }
        #expect(throws: MessageCatalogError.unbalancedBrace(file: "en.json", status: .belowRange, variant: 0)) {
            try loadEditedEnglish { object in editMessages(&object) { $0["below_range"] = ["{points to go"] } }
        }
        #expect(
            throws: MessageCatalogError.placeholderNotAllowed(
                file: "en.json", status: .inRange, variant: 0, placeholder: "next_level")
        ) {
            try loadEditedEnglish { object in editMessages(&object) { $0["in_range"] = ["On to {next_level}!"] } }
        }
        #expect(
            throws: MessageCatalogError.placeholderNotAllowed(
                file: "en.json", status: .newPersonalLevel, variant: 0, placeholder: "target_percentile")
        ) {
            try loadEditedEnglish { object in
                editMessages(&object) { $0["new_personal_level"] = ["The {target_percentile} percentile!"] }
            }
        }
        #expect(throws: MessageCatalogError.deniedWord(file: "en.json", status: .inRange, variant: 0, word: "only")) {
            try loadEditedEnglish { object in
                editMessages(&object) { $0["in_range"] = ["Only {points} points to {target}."] }
            }
        }
        #expect(throws: MessageCatalogError.notAVariantList(file: "en.json", status: .inRange)) {
            try loadEditedEnglish { object in editMessages(&object) { $0["in_range"] = "{points} to go" } }
        }
        #expect(
            throws: MessageCatalogError.needsVariantWithout(
                file: "en.json", status: .topOfRange, placeholder: "next_level")
        ) {
            try loadEditedEnglish { object in
                editMessages(&object) { $0["top_of_range"] = ["On to {next_level}: {points} points!"] }
            }
        }
        #expect(
            throws: MessageCatalogError.invalidPlural(
                file: "en.json", status: .inRange, variant: 0, reason: "{plural:point} must be {plural:one|other}")
        ) {
            try loadEditedEnglish { object in editMessages(&object) { $0["in_range"] = ["{points} {plural:point}"] } }
        }
        #expect(throws: MessageCatalogError.self) {
            try loadEditedEnglish { object in editMessages(&object) { $0["in_range"] = ["{target} {plural:point|points}"] } }
        }
        #expect(throws: MessageCatalogError.languageMismatch(file: "en.json", declared: "de")) {
            try loadEditedEnglish { object in object["language"] = "de" }
        }
        // Literal braces are written doubled.
        let braces = try loadEditedEnglish { object in
            editMessages(&object) { $0["below_range"] = ["{{{points}}} points to {target}"] }
        }
        #expect(
            braces.message(for: .belowRange, language: .en, values: MessageCatalogTests.values, variantKey: "k")
                == "{11,000} points to 161,000")
    }

    @Test("a file that is no language and an unreadable directory are named")
    func unknownFileAndDirectory() throws {
        let directory = try directoryWithShippedFiles()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{}".utf8).write(to: directory.appendingPathComponent("it.json"))
        #expect(throws: MessageCatalogError.unknownLanguage(file: "it.json")) {
            try MessageCatalog(directory: directory)
        }
        let missing = directory.appendingPathComponent("no-such-directory")
        let error = try #require(throws: MessageCatalogError.self) { try MessageCatalog(directory: missing) }
        guard case .unreadableDirectory(let path, _) = error else {
            Issue.record("expected unreadableDirectory, got \(error)")
            return
        }
        #expect(path == missing.path)
    }

    @Test("in-memory contents are validated the same way")
    func inMemory() throws {
        #expect(throws: MessageCatalogError.missingStatus(file: "fr.json", status: .belowRange)) {
            try MessageCatalog(contents: [.fr: Data("{\"messages\": {}}".utf8)])
        }
    }
}

@Suite("Message tone rules")
struct MessageToneTests {
    @Test("denied words match whole words, case-insensitively, per language")
    func matching() {
        #expect(MessageTone.deniedWords(in: "ONLY 5 points", language: .en) == ["only"])
        #expect(MessageTone.deniedWords(in: "You are behind.", language: .en) == ["behind"])
        #expect(MessageTone.deniedWords(in: "Just do it", language: .en) == ["just"])
        #expect(MessageTone.deniedWords(in: "Justice and badges, a fantastic onlyness", language: .en).isEmpty)
        #expect(MessageTone.deniedWords(in: "Noch NUR 5 Punkte", language: .de) == ["nur"])
        #expect(MessageTone.deniedWords(in: "Nurse, Schwachstrom", language: .de).isEmpty)
        #expect(MessageTone.deniedWords(in: "C’est juste", language: .fr) == ["juste"])
        #expect(MessageTone.deniedWords(in: "Tu es À PEINE là", language: .fr) == ["à peine"])
        #expect(MessageTone.deniedWords(in: "Ajuster la peine", language: .fr).isEmpty)
        #expect(MessageTone.deniedWords(in: "Échec", language: .fr) == ["échec"])
    }

    @Test("every language has a deny-list with the brief's words")
    func lists() {
        let english = Set(MessageTone.deniedWords(for: .en))
        #expect(english.isSuperset(of: ["only", "just", "failed", "poor", "bad", "behind", "worse", "weak"]))
        #expect(Set(MessageTone.deniedWords(for: .de)).isSuperset(of: ["nur", "schlecht", "schwach", "versagt"]))
        #expect(Set(MessageTone.deniedWords(for: .fr)).isSuperset(of: ["seulement", "juste", "mauvais", "faible"]))
    }
}
