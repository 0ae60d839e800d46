import SQLKit

/// A query written once with PostgreSQL's numbered placeholders (`$1`, `$2`, …; a number may
/// repeat), parsed once, and run through SQLKit on either backend: each placeholder becomes a
/// bind of `binds[n - 1]` in the backend's own syntax. So one text serves a prepared PostgreSQL
/// statement and the portable query.
///
/// A placeholder right after `LIMIT` is written as a literal integer instead: SQLite plans
/// with the limit's value, so a bound limit makes it prepare the statement twice on every run
/// (`sqlite3Reprepare`: a third slower player look-up).
struct NumberedQuery: Sendable {
    /// Literal SQL, then the placeholder that follows it (nil after the last piece).
    private let pieces: [(sql: String, placeholder: Int?, isLimit: Bool)]

    /// The query of `text`; `$n` with no digits after the dollar sign stays as written.
    init(_ text: String) {
        var pieces: [(String, Int?, Bool)] = []
        var sql = ""
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            var end = index + 1
            while scalar == "$", end < scalars.count, ("0"..."9").contains(scalars[end]) { end += 1 }
            if end > index + 1, let number = Int(String(String.UnicodeScalarView(scalars[(index + 1)..<end]))) {
                pieces.append((sql, number, sql.uppercased().hasSuffix("LIMIT ")))
                sql = ""
                index = end
            } else {
                sql.unicodeScalars.append(scalar)
                index += 1
            }
        }
        pieces.append((sql, nil, false))
        self.pieces = pieces
    }

    /// The query with `binds` for its placeholders `$1…$n`.
    func query(binds: [any Encodable & Sendable]) -> SQLQueryString {
        var query = SQLQueryString("")
        for piece in pieces {
            query.appendLiteral(piece.sql)
            guard let number = piece.placeholder else { continue }
            if piece.isLimit, let limit = binds[number - 1] as? Int {
                query.appendInterpolation(literal: limit)
            } else {
                query.appendInterpolation(bind: binds[number - 1])
            }
        }
        return query
    }
}
