import EngineServer
import Foundation

/// An SVG image assembled as text: every piece of text from data is escaped, numbers are
/// written with at most two decimals, and the image carries a `<title>` and `<desc>` for
/// screen readers.
struct SVG {
    let width: Double
    let height: Double
    private var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, for element content and attributes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A coordinate or length: at most two decimals, no exponent.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, className: String) {
        body +=
            #"<line x1="\#(Self.number(x1))" y1="\#(Self.number(y1))" x2="\#(Self.number(x2))" y2="\#(Self.number(y2))" class="\#(className)"/>"#
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, className: String, title: String? = nil) {
        let tooltip = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
        body +=
            #"<rect x="\#(Self.number(x))" y="\#(Self.number(y))" width="\#(Self.number(max(0, width)))" height="\#(Self.number(max(0, height)))" class="\#(className)">\#(tooltip)</rect>"#
    }

    mutating func circle(x: Double, y: Double, radius: Double, className: String, title: String? = nil) {
        let tooltip = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
        body +=
            #"<circle cx="\#(Self.number(x))" cy="\#(Self.number(y))" r="\#(Self.number(radius))" class="\#(className)">\#(tooltip)</circle>"#
    }

    mutating func polyline(_ points: [(Double, Double)], className: String) {
        let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
        body += #"<polyline points="\#(list)" class="\#(className)"/>"#
    }

    /// A closed, filled shape through `points`, with an optional tooltip.
    mutating func polygon(_ points: [(Double, Double)], className: String, title: String? = nil) {
        let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
        let tooltip = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
        body += #"<polygon points="\#(list)" class="\#(className)">\#(tooltip)</polygon>"#
    }

    /// Text at a point; `anchor` is `start`, `middle` or `end`.
    mutating func text(
        _ content: String, x: Double, y: Double, anchor: String = "middle", className: String = "label", rotate: Bool = false
    ) {
        let transform = rotate ? #" transform="rotate(-90 \#(Self.number(x)) \#(Self.number(y)))""# : ""
        body +=
            #"<text x="\#(Self.number(x))" y="\#(Self.number(y))" text-anchor="\#(anchor)" class="\#(className)"\#(transform)>\#(Self.escape(content))</text>"#
    }

    /// The document, with its accessible name and description.
    func document(title: String, description: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Self.number(width)) \(Self.number(height))" \
        role="img" class="chart"><title>\(Self.escape(title))</title><desc>\(Self.escape(description))</desc>\(body)</svg>
        """
    }
}
