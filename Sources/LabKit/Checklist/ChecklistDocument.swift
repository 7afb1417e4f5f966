import Foundation

/// A Markdown document read as a checklist: its GFM task list items and headings, and byte-exact ticking of one item.
///
/// Items are found as GitHub renders them (cmark-gfm's block structure, GFM tables included),
/// following the GFM spec where cmark-gfm's tasklist extension departs from it: `> - [ ] a` and the
/// inner item of `- - [ ] a` are tasks, and `- [ ] buy [x] film` is unticked.
public struct ChecklistDocument: Sendable {
    /// The document exactly as it was read.
    public let bytes: [UInt8]
    /// Every task list item, in document order.
    public let items: [TaskItem]
    /// Every ATX and setext heading outside code and HTML blocks, in document order.
    public let headings: [Heading]

    /// Reads any bytes: CRLF or CR line endings, a byte order mark, tabs, a missing final newline or
    /// invalid UTF-8 are all fine.
    /// The first item carrying each marker, and the first unmarked item for each normalised text.
    private let itemByMarker: [String: Int]
    private let itemByTitle: [String: Int]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        (items, headings) = MarkdownBlockScanner<GFMSpecTaskListRule>.scan(bytes)
        var byMarker: [String: Int] = [:]
        var byTitle: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            if let marker = item.markerID {
                if byMarker[marker] == nil { byMarker[marker] = index }
            } else {
                let key = Self.titleKey(item.text)
                if byTitle[key] == nil { byTitle[key] = index }
            }
        }
        itemByMarker = byMarker
        itemByTitle = byTitle
    }

    /// Titles compare with whitespace collapsed and case ignored.
    static func titleKey(_ text: String) -> String {
        collapsingWhitespace(text).lowercased()
    }

    /// The item bound to an exercise: the one whose `<!-- lab:ID -->` marker is `id`, else the first
    /// unmarked item whose text equals `title` (whitespace collapsed, case ignored).
    ///
    /// An item that carries a marker belongs to that marker's exercise, so it is never bound by title.
    public func item(forExercise id: String, title: String) -> TaskItem? {
        if let index = itemByMarker[id] { return items[index] }
        return itemByTitle[Self.titleKey(title)].map { items[$0] }
    }

    /// The document with `item` ticked (`x`) or unticked (` `): only the byte between its brackets
    /// changes, and nothing does when it is already so or is not an item of this document.
    public func setting(_ item: TaskItem, checked: Bool) -> [UInt8] {
        guard items.contains(where: { $0.checkOffset == item.checkOffset }),
            item.checkOffset >= 0, item.checkOffset < bytes.count
        else { return bytes }
        let current = bytes[item.checkOffset]
        let isChecked = current == MarkdownByte.lowerX || current == MarkdownByte.upperX
        guard isChecked != checked else { return bytes }
        var changed = bytes
        changed[item.checkOffset] = checked ? MarkdownByte.lowerX : MarkdownByte.space
        return changed
    }

    /// The items of the section `heading` opens: after it and before the next heading of the same or a higher level.
    public func items(under heading: Heading) -> [TaskItem] {
        let sectionEnd =
            headings.first { $0.lineStart > heading.lineStart && $0.level <= heading.level }?.lineStart
            ?? Int.max
        return items.filter { $0.lineStart > heading.lineStart && $0.lineStart < sectionEnd }
    }

    /// The document's first line ending (`\n`, `\r\n` or `\r`), or `\n` when it has none: what a line
    /// added to it should end with.
    public var lineEnding: [UInt8] {
        guard let index = bytes.firstIndex(where: { $0 == MarkdownByte.newline || $0 == MarkdownByte.carriageReturn }) else {
            return [MarkdownByte.newline]
        }
        if bytes[index] == MarkdownByte.carriageReturn {
            let next = index + 1
            return next < bytes.count && bytes[next] == MarkdownByte.newline
                ? [MarkdownByte.carriageReturn, MarkdownByte.newline] : [MarkdownByte.carriageReturn]
        }
        return [MarkdownByte.newline]
    }

    private static func collapsingWhitespace(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
