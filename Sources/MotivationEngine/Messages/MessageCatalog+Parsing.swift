import Foundation

extension MessageCatalog {
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
        let templates = try parseMessages(root, file: file, language: language)
        let withoutNextLevel = templates[TargetStatus.topOfRange.catalogIndex].indices.filter {
            !templates[TargetStatus.topOfRange.catalogIndex][$0].placeholders.contains(.nextLevel)
        }
        if withoutNextLevel.isEmpty {
            throw MessageCatalogError.needsVariantWithout(
                file: file, status: .topOfRange, placeholder: MessagePlaceholder.nextLevel.rawValue)
        }
        let texts = try root["texts"].map { try parseTexts($0, file: file, language: language) }
        return Table(
            templates: templates, topOfRangeWithoutNextLevel: withoutNextLevel, levels: levels, file: file, texts: texts)
    }

    /// The `"messages"` object: every status's variants, parsed and checked.
    private static func parseMessages(_ root: [String: Any], file: String, language: Language) throws -> [[MessageTemplate]] {
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
        return templates
    }

    /// The `"texts"` object: every `TextKey`, each using exactly its placeholders; the reasons a
    /// player reads keep the messages' tone rules.
    private static func parseTexts(_ raw: Any, file: String, language: Language) throws -> [TextKey: TextTemplate] {
        guard let object = raw as? [String: Any] else {
            throw MessageCatalogError.invalidText(file: file, key: "texts", reason: "expected an object of key → sentence")
        }
        for key in object.keys.sorted() where TextKey(rawValue: key) == nil {
            throw MessageCatalogError.invalidText(
                file: file, key: key,
                reason: "unknown text (expected one of " + TextKey.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        var texts: [TextKey: TextTemplate] = [:]
        for key in TextKey.allCases {
            guard let entry = object[key.rawValue] else { throw MessageCatalogError.missingText(file: file, key: key.rawValue) }
            guard let source = entry as? String else {
                throw MessageCatalogError.invalidText(file: file, key: key.rawValue, reason: "expected a string")
            }
            let template: TextTemplate
            do {
                template = try TextTemplate(parsing: source)
            } catch {
                throw MessageCatalogError.invalidText(
                    file: file, key: key.rawValue, reason: "unbalanced brace (write {{ or }} for a literal brace)")
            }
            if let unknown = template.placeholders.subtracting(key.placeholders).sorted().first {
                throw MessageCatalogError.invalidText(
                    file: file, key: key.rawValue,
                    reason: "unknown placeholder {\(unknown)} (expected "
                        + key.placeholders.sorted().map { "{\($0)}" }.joined(separator: ", ") + ")")
            }
            if let missing = key.placeholders.subtracting(template.placeholders).sorted().first {
                throw MessageCatalogError.invalidText(file: file, key: key.rawValue, reason: "must use {\(missing)}")
            }
            if key.isShownToPlayers, let word = MessageTone.deniedWords(in: source, language: language).first {
                throw MessageCatalogError.invalidText(
                    file: file, key: key.rawValue, reason: "\"\(word)\" breaks the tone rules (reasons never belittle)")
            }
            texts[key] = template
        }
        return texts
    }
}
