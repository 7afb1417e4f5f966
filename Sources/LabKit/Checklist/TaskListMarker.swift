/// The `[ ]`, `[x]` or `[X]` that opens a task list item's first paragraph, followed on the same line by a space or tab.
///
/// Between the brackets the GFM spec allows "a whitespace character", so a tab (or a vertical tab
/// or form feed) makes an unticked task as a space does; cmark-gfm accepts only a space there.
struct TaskListMarker: Equatable {
    /// Offset of the character between the brackets.
    var checkOffset: Int
    var isChecked: Bool

    /// The marker at `index`, if the content there starts with one.
    ///
    /// Like cmark-gfm (and GitHub), the whitespace must follow on the marker's own line, so `- [ ]`
    /// alone, or `- [x]` with the text on the next line, is an ordinary item showing `[ ]` or `[x]`.
    static func parse(_ line: MarkdownLine, at index: Int) -> TaskListMarker? {
        guard line.byte(at: index) == MarkdownByte.leftBracket, line.byte(at: index + 2) == MarkdownByte.rightBracket,
            index + 3 < line.end, MarkdownByte.isLineSpace(line.byte(at: index + 3))
        else { return nil }
        switch line.byte(at: index + 1) {
        case let inside where MarkdownByte.isLineSpace(inside):
            return TaskListMarker(checkOffset: index + 1, isChecked: false)
        case MarkdownByte.lowerX, MarkdownByte.upperX:
            return TaskListMarker(checkOffset: index + 1, isChecked: true)
        default:
            return nil
        }
    }
}
