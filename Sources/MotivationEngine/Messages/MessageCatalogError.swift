/// Why a message catalog could not be loaded. Every case names the file, and where it applies
/// the status and the variant (0-based) with the problem.
public enum MessageCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The catalog directory could not be listed.
    case unreadableDirectory(path: String, reason: String)
    /// A language file could not be read.
    case unreadableFile(file: String, reason: String)
    /// A `.json` file whose name is not a known language (`en.json`, `de.json`, `fr.json`).
    case unknownLanguage(file: String)
    /// A language no file (and no fallback catalog) provides.
    case missingLanguage(Language, directory: String)
    /// The file is not valid JSON, or not shaped as a catalog.
    case invalidJSON(file: String, reason: String)
    /// The file's `"language"` says another language than its name.
    case languageMismatch(file: String, declared: String)
    /// A status has no entry in `"messages"`.
    case missingStatus(file: String, status: TargetStatus)
    /// `"messages"` has a key that is no status (a typo, usually).
    case unknownStatus(file: String, key: String)
    /// A status's entry is not a list of strings.
    case notAVariantList(file: String, status: TargetStatus)
    /// A status has an empty list of variants.
    case emptyVariantList(file: String, status: TargetStatus)
    /// A variant is blank.
    case emptyVariant(file: String, status: TargetStatus, variant: Int)
    /// A variant has a `{` or `}` that does not belong to a placeholder (write `{{`, `}}` for braces).
    case unbalancedBrace(file: String, status: TargetStatus, variant: Int)
    /// A variant uses a placeholder that does not exist.
    case unknownPlaceholder(file: String, status: TargetStatus, variant: Int, placeholder: String)
    /// A variant has a malformed `{plural:one|other}`, or one without `{points}`.
    case invalidPlural(file: String, status: TargetStatus, variant: Int, reason: String)
    /// A variant uses a placeholder its status cannot fill (`{next_level}` outside
    /// `top_of_range`, `{target_percentile}` in `new_personal_level`).
    case placeholderNotAllowed(file: String, status: TargetStatus, variant: Int, placeholder: String)
    /// A variant contains a word the tone rules deny (see `MessageTone`).
    case deniedWord(file: String, status: TargetStatus, variant: Int, word: String)
    /// A status needs at least one variant without a placeholder that may have no value
    /// (`top_of_range` needs one without `{next_level}` for the top cluster's stretch target).
    case needsVariantWithout(file: String, status: TargetStatus, placeholder: String)
    /// `"levels"` is not an object of strings.
    case invalidLevels(file: String, reason: String)
    /// A fixed sentence (`TextKey`) the file lacks, with no fallback catalog to take it from.
    case missingText(file: String, key: String)
    /// A fixed sentence that is not a string, names an unknown placeholder, leaves one out, or
    /// has an unbalanced brace; or an unknown key in `"texts"`.
    case invalidText(file: String, key: String, reason: String)

    /// The file the problem is in, if any.
    public var file: String? {
        switch self {
        case .unreadableDirectory, .missingLanguage: nil
        case .unreadableFile(let file, _), .unknownLanguage(let file), .invalidJSON(let file, _),
            .languageMismatch(let file, _), .missingStatus(let file, _), .unknownStatus(let file, _),
            .notAVariantList(let file, _), .emptyVariantList(let file, _), .emptyVariant(let file, _, _),
            .unbalancedBrace(let file, _, _), .unknownPlaceholder(let file, _, _, _),
            .placeholderNotAllowed(let file, _, _, _), .deniedWord(let file, _, _, _),
            .needsVariantWithout(let file, _, _), .invalidPlural(let file, _, _, _),
            .invalidLevels(let file, _), .missingText(let file, _), .invalidText(let file, _, _):
            file
        }
    }

    /// The problem in words, naming the file and where in it.
    public var description: String {
        switch self {
        case .unreadableDirectory(let path, let reason):
            "message catalog: cannot read directory \(path): \(reason)"
        case .unreadableFile(let file, let reason):
            "\(file): cannot read the file: \(reason)"
        case .unknownLanguage(let file):
            "\(file): not a known language (expected one of "
                + Language.allCases.map { "\($0.rawValue).json" }.joined(separator: ", ") + ")"
        case .missingLanguage(let language, let directory):
            "message catalog \(directory): no \(language.rawValue).json and no fallback catalog"
        case .invalidJSON(let file, let reason):
            "\(file): invalid JSON: \(reason)"
        case .languageMismatch(let file, let declared):
            "\(file): \"language\" is \"\(declared)\", which does not match the file name"
        case .missingStatus(let file, let status):
            "\(file): status \"\(status.rawValue)\": missing status (every status needs a list of variants)"
        case .unknownStatus(let file, let key):
            "\(file): status \"\(key)\": unknown status (expected one of "
                + TargetStatus.allCases.map(\.rawValue).joined(separator: ", ") + ")"
        case .notAVariantList(let file, let status):
            "\(file): status \"\(status.rawValue)\": expected a list of message strings"
        case .emptyVariantList(let file, let status):
            "\(file): status \"\(status.rawValue)\": empty variant list"
        case .emptyVariant(let file, let status, let variant):
            "\(file): status \"\(status.rawValue)\", variant \(variant + 1): empty message"
        case .unbalancedBrace(let file, let status, let variant):
            "\(file): status \"\(status.rawValue)\", variant \(variant + 1): unbalanced brace (write {{ or }} for a literal brace)"
        case .unknownPlaceholder(let file, let status, let variant, let placeholder):
            "\(file): status \"\(status.rawValue)\", variant \(variant + 1): unknown placeholder {\(placeholder)} (expected one of "
                + MessagePlaceholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ") + ")"
        case .invalidPlural(let file, let status, let variant, let reason):
            "\(file): status \"\(status.rawValue)\", variant \(variant + 1): invalid plural: \(reason)"
        case .placeholderNotAllowed(let file, let status, let variant, let placeholder):
            "\(file): status \"\(status.rawValue)\", variant \(variant + 1): placeholder {\(placeholder)} cannot be used with this status"
        case .deniedWord(let file, let status, let variant, let word):
            "\(file): status \"\(status.rawValue)\", variant \(variant + 1): \"\(word)\" breaks the tone rules (messages never belittle)"
        case .needsVariantWithout(let file, let status, let placeholder):
            "\(file): status \"\(status.rawValue)\": needs at least one variant without {\(placeholder)} (used when there is no value for it)"
        case .invalidLevels(let file, let reason):
            "\(file): \"levels\": \(reason)"
        case .missingText(let file, let key):
            "\(file): text \"\(key)\": missing (every text of the shipped files is needed)"
        case .invalidText(let file, let key, let reason):
            "\(file): text \"\(key)\": \(reason)"
        }
    }
}
