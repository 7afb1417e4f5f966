/// One GFM task list item of a Markdown document: where it is, whether it is ticked, and what it says.
public struct TaskItem: Sendable, Equatable {
    /// 1-based line of the item's list marker.
    public var line: Int
    /// Byte offset where the marker's line starts.
    public var lineStart: Int
    /// Byte offset of the list marker (`-`, `+`, `*` or the first digit); the bytes from `lineStart`
    /// up to `checkOffset - 1` are the prefix (`"  - "`, `"> 1. "`) a sibling item would repeat.
    public var markerOffset: Int
    /// Byte offset of the one character between the brackets: ` `, `x` or `X`.
    public var checkOffset: Int
    public var isChecked: Bool
    /// The item's paragraph after `[ ]`: lines trimmed and joined with one space, a trailing
    /// `<!-- lab:ID -->` removed, raw Markdown.
    public var text: String
    /// The ID of a `<!-- lab:ID -->` at the end of the item's paragraph.
    public var markerID: String?
    /// Byte offset where the item's last line ends (before its line ending), nested content
    /// included: where a following sibling item can be inserted.
    public var endOfLineOffset: Int

    public init(
        line: Int, lineStart: Int, markerOffset: Int, checkOffset: Int, isChecked: Bool, text: String,
        markerID: String?, endOfLineOffset: Int
    ) {
        self.line = line
        self.lineStart = lineStart
        self.markerOffset = markerOffset
        self.checkOffset = checkOffset
        self.isChecked = isChecked
        self.text = text
        self.markerID = markerID
        self.endOfLineOffset = endOfLineOffset
    }
}
