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

        struct LevelName: Sendable {
            let label: String
            let name: String
        }

        init(templates: [[MessageTemplate]], topOfRangeWithoutNextLevel: [Int],
             levels: [String: String], file: String) {
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
        }

        @inline(__always)
        func levelName(_ label: String) -> String {
            for pair in levelPairs where pair.label == label { return pair.name }
            return label
        }
    }

    /// Indexed by `Language.catalogIndex`.
    private let tables: [Table]

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
            tables.append(try load(url, language: language))
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
                tables.append(try Self.load(url, language: language))
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
                tables.append(try Self.parse(data, file: "\(language.rawValue).json", language: language))
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

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let debug = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return debug }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return nsError.localizedDescription
    }

    /// Parses and validates one language file.
    static func parse(_ data: Data, file: String, language: Language) throws -> Table {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw MessageCatalogError.invalidJSON(file: file, reason: reason(error))
        }
        guard let root = object as? [String: Any] else {
            throw MessageCatalogError.invalidJSON(file: file, reason: "expected an object at the top level")
        }
        if let declared = root["language"] {
            guard let code = declared as? String, Language(identifier: code) == language else {
                throw MessageCatalogError.languageMismatch(file: file, declared: "\(declared)")
            }
        }
        var levels: [String: String] = [:]
        if let rawLevels = root["levels"] {
            guard let dictionary = rawLevels as? [String: Any] else {
                throw MessageCatalogError.invalidLevels(file: file, reason: "expected an object of label → name")
            }
            for (label, name) in dictionary {
                guard let name = name as? String, !name.allSatisfy(\.isWhitespace) else {
                    throw MessageCatalogError.invalidLevels(file: file, reason: "\"\(label)\" needs a non-empty name")
                }
                levels[label] = name
            }
        }
        guard let rawMessages = root["messages"] else {
            throw MessageCatalogError.invalidJSON(file: file, reason: "no \"messages\" object")
        }
        guard let messages = rawMessages as? [String: Any] else {
            throw MessageCatalogError.invalidJSON(file: file, reason: "\"messages\" must be an object of status → list of messages")
        }
        for key in messages.keys.sorted() where TargetStatus(rawValue: key) == nil {
            throw MessageCatalogError.unknownStatus(file: file, key: key)
        }
        var templates: [[MessageTemplate]] = []
        for status in TargetStatus.allCases {
            guard let entry = messages[status.rawValue] else {
                throw MessageCatalogError.missingStatus(file: file, status: status)
            }
            guard let list = entry as? [Any] else {
                throw MessageCatalogError.notAVariantList(file: file, status: status)
            }
            if list.isEmpty { throw MessageCatalogError.emptyVariantList(file: file, status: status) }
            let allowed = MessagePlaceholder.allowed(in: status)
            var variants: [MessageTemplate] = []
            for (index, item) in list.enumerated() {
                guard let text = item as? String else {
                    throw MessageCatalogError.notAVariantList(file: file, status: status)
                }
                let template: MessageTemplate
                do throws(MessageTemplate.ParseError) {
                    template = try MessageTemplate(parsing: text)
                } catch {
                    switch error {
                    case .empty:
                        throw MessageCatalogError.emptyVariant(file: file, status: status, variant: index)
                    case .unbalancedBrace:
                        throw MessageCatalogError.unbalancedBrace(file: file, status: status, variant: index)
                    case .unknownPlaceholder(let name):
                        throw MessageCatalogError.unknownPlaceholder(
                            file: file, status: status, variant: index, placeholder: name)
                    case .invalidPlural(let reason):
                        throw MessageCatalogError.invalidPlural(
                            file: file, status: status, variant: index, reason: reason)
                    }
                }
                if let extra = MessagePlaceholder.allCases.first(where: {
                    template.placeholders.contains($0) && !allowed.contains($0)
                }) {
                    throw MessageCatalogError.placeholderNotAllowed(
                        file: file, status: status, variant: index, placeholder: extra.rawValue)
                }
                if let word = MessageTone.deniedWords(in: template.literalText, language: language).first {
                    throw MessageCatalogError.deniedWord(file: file, status: status, variant: index, word: word)
                }
                variants.append(template)
            }
            templates.append(variants)
        }
        let withoutNextLevel = templates[TargetStatus.topOfRange.catalogIndex].indices.filter {
            !templates[TargetStatus.topOfRange.catalogIndex][$0].placeholders.contains(.nextLevel)
        }
        if withoutNextLevel.isEmpty {
            throw MessageCatalogError.needsVariantWithout(
                file: file, status: .topOfRange, placeholder: MessagePlaceholder.nextLevel.rawValue)
        }
        return Table(templates: templates, topOfRangeWithoutNextLevel: withoutNextLevel, levels: levels, file: file)
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

    // MARK: - Rendering

    /// The message for a player: the variant `variantKey` picks (see `variantIndex`), filled
    /// with `values` formatted for `language`. For `top_of_range` with no `nextLevel` (the top
    /// cluster's stretch target) the pick is among the variants that do not name a next level.
    public func message(
        for status: TargetStatus,
        language: Language,
        values: MessageValues,
        variantKey: String
    ) -> String {
        renderedMessage(for: status, language: language, values: values, variantKey: variantKey).text
    }

    /// The message of `message(for:language:values:variantKey:)` with the id of its template,
    /// `status#position` in the language file's list (e.g. `in_range#2`), for the exposure log.
    public func renderedMessage(
        for status: TargetStatus,
        language: Language,
        values: MessageValues,
        variantKey: String
    ) -> RenderedMessage {
        let table = tables[language.catalogIndex]
        let variants = table.templates[status.catalogIndex]
        let position: Int
        if status == .topOfRange && values.nextLevel == nil {
            let candidates = table.topOfRangeWithoutNextLevel
            position = candidates[StableHash.bucket(variantKey, count: candidates.count)]
        } else {
            position = StableHash.bucket(variantKey, count: variants.count)
        }
        return RenderedMessage(
            text: Self.render(variants[position], table: table, language: language, values: values),
            templateId: table.templateIds[status.catalogIndex][position])
    }

    /// Fills one template (e.g. from `templates(for:language:)`) with `values`.
    public func render(_ template: MessageTemplate, language: Language, values: MessageValues) -> String {
        Self.render(template, table: tables[language.catalogIndex], language: language, values: values)
    }

    private static func render(
        _ template: MessageTemplate,
        table: Table,
        language: Language,
        values: MessageValues
    ) -> String {
        let style = NumberStyle(language: language)
        let points = NumberStyle.wholeScore(values.points)
        let target = NumberStyle.wholeScore(values.target)
        let targetPercentile = NumberStyle.wholePercentile(values.targetPercentile)
        let percentile = NumberStyle.wholePercentile(values.percentile)
        let level = table.levelName(values.level)
        let nextLevel = table.levelName(values.nextLevel ?? values.level)
        let singular = points == 1 || (points == 0 && language == .fr)
        // An upper bound of the length (plurals are counted in `literalByteCount`):
        // numbers need at most 48 bytes each.
        var capacity = template.literalByteCount
        for piece in template.pieces {
            if case .placeholder(let placeholder) = piece {
                switch placeholder {
                case .points, .target, .targetPercentile, .percentile: capacity += 48
                case .level: capacity += level.utf8.count
                case .nextLevel: capacity += nextLevel.utf8.count
                case .segment: capacity += values.segment.utf8.count
                }
            }
        }
        // One buffer, written in place: the pieces are whole UTF-8 sequences.
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var count = 0
            @inline(__always) func copy(_ string: String) {
                var string = string
                string.withUTF8 { utf8 in
                    guard let base = utf8.baseAddress, !utf8.isEmpty else { return }
                    UnsafeMutableRawPointer(buffer.baseAddress! + count).copyMemory(from: base, byteCount: utf8.count)
                    count += utf8.count
                }
            }
            for piece in template.pieces {
                switch piece {
                case .literal(let literal):
                    copy(literal)
                case .plural(let one, let other):
                    copy(singular ? one : other)
                case .placeholder(let placeholder):
                    switch placeholder {
                    case .points: count = style.writeInteger(points, ordinal: false, into: buffer, at: count)
                    case .target: count = style.writeInteger(target, ordinal: false, into: buffer, at: count)
                    case .targetPercentile:
                        count = style.writeInteger(targetPercentile, ordinal: true, into: buffer, at: count)
                    case .percentile: count = style.writeInteger(percentile, ordinal: true, into: buffer, at: count)
                    case .level: copy(level)
                    case .nextLevel: copy(nextLevel)
                    case .segment: copy(values.segment)
                    }
                }
            }
            return count
        }
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
