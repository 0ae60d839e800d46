import Foundation

/// The motivational message templates of every language, validated and pre-parsed.
///
/// A catalog is a directory of language files (`en.json`, `de.json`, `fr.json`), each with at
/// least one variant (the shipped files have three or more) for every `TargetStatus`:
///
/// ```json
/// {
///   "language": "en",
///   "levels": {"Advanced": "Advanced"},
///   "messages": {
///     "approaching": ["So close! {points} points to go to reach {target}.", "…"],
///     "…": ["…"]
///   }
/// }
/// ```
///
/// Load once (`MessageCatalog.shared` for the files shipped with the engine, or
/// `init(directory:fallback:)` for an operator's edited files), then render as often as needed:
/// rendering is one pass over pre-parsed pieces with hand-written number formatting.
public struct MessageCatalog: Sendable {
    /// One language's templates (a class, so that rendering takes one reference, not a copy).
    final class Table: Sendable {
        /// Indexed by `TargetStatus.catalogIndex`.
        let templates: [[MessageTemplate]]
        /// The positions of the `top_of_range` variants without `{next_level}`, used when there
        /// is no next level (the top cluster's stretch target).
        let topOfRangeWithoutNextLevel: [Int]
        /// The templates' ids, `status#position` (e.g. `in_range#2`), made once rather than
        /// per message; indexed as `templates`.
        let templateIds: [[String]]
        /// Cluster label → the language's name for it.
        let levels: [String: String]
        /// The same pairs, for a lookup without hashing (a handful of short labels).
        let levelPairs: [LevelName]
        /// Where the table came from (a file name).
        let file: String
        /// The fixed sentences by key; nil when the file has no `"texts"`
        /// (an operator's older file: the fallback catalog's are taken).
        let texts: [TextKey: TextTemplate]?

        struct LevelName: Sendable {
            let label: String
            let name: String
        }

        init(
            templates: [[MessageTemplate]], topOfRangeWithoutNextLevel: [Int],
            levels: [String: String], file: String, texts: [TextKey: TextTemplate]?
        ) {
            self.templates = templates
            self.topOfRangeWithoutNextLevel = topOfRangeWithoutNextLevel
            var templateIds = templates.map { _ in [String]() }
            for status in TargetStatus.allCases {
                templateIds[status.catalogIndex] = templates[status.catalogIndex].indices.map { status.rawValue + "#" + String($0) }
            }
            self.templateIds = templateIds
            self.levels = levels
            self.levelPairs = levels.keys.sorted().map { LevelName(label: $0, name: levels[$0]!) }
            self.file = file
            self.texts = texts
        }

        /// The table with `texts` where it has none of its own.
        func withTexts(from other: Table) -> Table {
            guard texts == nil else { return self }
            return Table(
                templates: templates, topOfRangeWithoutNextLevel: topOfRangeWithoutNextLevel, levels: levels, file: file,
                texts: other.texts)
        }

        @inline(__always)
        func levelName(_ label: String) -> String {
            for pair in levelPairs where pair.label == label { return pair.name }
            return label
        }
    }

    /// Indexed by `Language.catalogIndex`.
    let tables: [Table]

    // MARK: - Loading

    /// The catalog shipped with the engine (`Resources/Messages`). The shipped files are
    /// validated by the test suite; if they were broken this would stop the process with the
    /// validation error, as an engine without messages cannot answer anything.
    public static let shared: MessageCatalog = {
        do {
            return try bundled()
        } catch {
            preconditionFailure("the bundled message catalog is invalid: \(error)")
        }
    }()

    /// Loads the catalog shipped with the engine, throwing what is wrong with it.
    public static func bundled() throws -> MessageCatalog {
        var tables: [Table] = []
        for language in Language.allCases {
            guard let url = bundledFile(for: language) else {
                throw MessageCatalogError.missingLanguage(language, directory: "bundle \(Bundle.module.bundlePath)")
            }
            tables.append(try complete(load(url, language: language), fallback: nil, language: language))
        }
        return MessageCatalog(tables: tables)
    }

    /// The directory of the shipped language files: a starting point for an operator's copy.
    public static var bundledDirectory: URL? {
        bundledFile(for: .en)?.deletingLastPathComponent()
    }

    private static func bundledFile(for language: Language) -> URL? {
        Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Messages")
            ?? Bundle.module.url(forResource: language.rawValue, withExtension: "json")
    }

    /// Loads the language files in `directory` (`en.json`, `de.json`, `fr.json`; other files
    /// that do not end in `.json` are ignored). A language without a file comes from
    /// `fallback` (by default the shipped catalog), so an operator can supply just the files
    /// they edited; pass `nil` to require every language. Throws `MessageCatalogError`, naming
    /// the file, the status and the problem.
    public init(directory: URL, fallback: MessageCatalog? = .shared) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MessageCatalogError.unreadableDirectory(path: directory.path, reason: Self.reason(error))
        }
        var found: [Language: URL] = [:]
        for name in names.sorted() where name.lowercased().hasSuffix(".json") {
            let stem = String(name.dropLast(5)).lowercased()
            guard let language = Language(rawValue: stem) else {
                throw MessageCatalogError.unknownLanguage(file: name)
            }
            found[language] = directory.appendingPathComponent(name)
        }
        var tables: [Table] = []
        for language in Language.allCases {
            if let url = found[language] {
                tables.append(try Self.complete(Self.load(url, language: language), fallback: fallback, language: language))
            } else if let fallback {
                tables.append(fallback.tables[language.catalogIndex])
            } else {
                throw MessageCatalogError.missingLanguage(language, directory: directory.path)
            }
        }
        self.init(tables: tables)
    }

    /// A catalog from file contents in memory, one per language (`fileName` only names the
    /// source in errors). Languages not given come from `fallback`.
    public init(contents: [Language: Data], fallback: MessageCatalog? = .shared) throws {
        var tables: [Table] = []
        for language in Language.allCases {
            if let data = contents[language] {
                let table = try Self.parse(data, file: "\(language.rawValue).json", language: language)
                tables.append(try Self.complete(table, fallback: fallback, language: language))
            } else if let fallback {
                tables.append(fallback.tables[language.catalogIndex])
            } else {
                throw MessageCatalogError.missingLanguage(language, directory: "(in memory)")
            }
        }
        self.init(tables: tables)
    }

    private init(tables: [Table]) {
        self.tables = tables
    }

    /// `table`, its missing `"texts"` taken from `fallback`.
    /// - Throws: `MessageCatalogError.missingText` when it has none and there is no fallback.
    private static func complete(_ table: Table, fallback: MessageCatalog?, language: Language) throws -> Table {
        if table.texts != nil { return table }
        guard let fallback else { throw MessageCatalogError.missingText(file: table.file, key: "texts") }
        return table.withTexts(from: fallback.tables[language.catalogIndex])
    }

    private static func load(_ url: URL, language: Language) throws -> Table {
        let file = url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw MessageCatalogError.unreadableFile(file: file, reason: reason(error))
        }
        return try parse(data, file: file, language: language)
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let debug = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return debug }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return nsError.localizedDescription
    }

    // MARK: - Inspection

    /// The variants of `status` in `language`, in file order.
    public func templates(for status: TargetStatus, language: Language) -> [MessageTemplate] {
        tables[language.catalogIndex].templates[status.catalogIndex]
    }

    /// The placeholders used by any variant of `status` in `language`.
    public func placeholders(for status: TargetStatus, language: Language) -> Set<MessagePlaceholder> {
        templates(for: status, language: language).reduce(into: []) { $0.formUnion($1.placeholders) }
    }

    /// The name of the file `language` was loaded from.
    public func sourceFile(for language: Language) -> String {
        tables[language.catalogIndex].file
    }

    /// The variant of `status` a `variantKey` gets: FNV-1a 64 of the key's UTF-8 bytes modulo the
    /// number of variants, so it is the same in every process and on every replica.
    /// (A `top_of_range` message without a next level picks the same way among the variants
    /// without `{next_level}`; see `message(for:language:values:variantKey:)`.)
    public func variantIndex(for status: TargetStatus, language: Language, variantKey: String) -> Int {
        StableHash.bucket(variantKey, count: templates(for: status, language: language).count)
    }

    /// The language's name for a cluster label (`Advanced` → `Fortgeschritten`); a label the
    /// language file does not name is returned as it is.
    public func levelName(_ label: String, language: Language) -> String {
        tables[language.catalogIndex].levelName(label)
    }

    /// The fixed sentence `key` in `language`, its placeholders filled with `values`.
    public func text(_ key: TextKey, language: Language, _ values: [String: String] = [:]) -> String {
        // Every table has texts: `complete` fills them from the fallback or refuses the file.
        tables[language.catalogIndex].texts![key]!.render(values)
    }
}

extension Language {
    /// Position in `allCases`, for array-indexed tables.
    @inline(__always)
    var catalogIndex: Int {
        switch self {
        case .en: 0
        case .de: 1
        case .fr: 2
        }
    }
}

extension TargetStatus {
    /// Position in `allCases`, for array-indexed tables.
    @inline(__always)
    var catalogIndex: Int {
        switch self {
        case .belowRange: 0
        case .approaching: 1
        case .inRange: 2
        case .topOfRange: 3
        case .newPersonalLevel: 4
        case .personalTarget: 5
        case .personalLevelReached: 6
        case .noTarget: 7
        }
    }
}
