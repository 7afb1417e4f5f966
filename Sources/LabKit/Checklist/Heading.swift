/// An ATX (`## Title`) or setext (`Title` over `---`) heading of a Markdown document, outside code and HTML.
public struct Heading: Sendable, Equatable {
    /// 1–6; a setext heading is 1 (`===`) or 2 (`---`).
    public var level: Int
    /// The heading's raw text: closing `#`s removed, a setext heading's lines joined with one space.
    public var text: String
    /// 1-based line where the heading starts.
    public var line: Int
    /// Byte offset where that line starts.
    public var lineStart: Int
    /// 1-based line where the heading ends: a setext heading's underline, else `line`.
    public var lastLine: Int

    public init(level: Int, text: String, line: Int, lineStart: Int, lastLine: Int? = nil) {
        self.level = level
        self.text = text
        self.line = line
        self.lineStart = lineStart
        self.lastLine = lastLine ?? line
    }
}
