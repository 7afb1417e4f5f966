import Foundation

/// The `<!-- lab:ID -->` comment at the end of a checklist item that binds it to an exercise.
enum ChecklistMarker {
    /// The text without a trailing marker, and the marker's ID if there was one.
    static func split(_ text: String) -> (text: String, id: String?) {
        guard text.hasSuffix("-->"), let open = text.range(of: "<!--", options: .backwards) else {
            return (text, nil)
        }
        let close = text.index(text.endIndex, offsetBy: -3)
        // `<!-->` ends where it opens: no room for an ID.
        guard open.upperBound <= close else { return (text, nil) }
        let inner = text[open.upperBound..<close].trimmingCharacters(in: .whitespaces)
        guard inner.hasPrefix("lab:") else { return (text, nil) }
        let id = inner.dropFirst(4).trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, !id.contains(where: { $0.isWhitespace }) else { return (text, nil) }
        let rest = text[..<open.lowerBound].trimmingCharacters(in: .whitespaces)
        return (rest, id)
    }

    /// The comment `lab` writes after an item's text to bind it to exercise `id`.
    static func comment(for id: String) -> String {
        "<!-- lab:\(id) -->"
    }
}
