import Foundation

extension MessageCatalog {
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

    static func render(
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
