/// Which rule makes a list item a task list item: `MarkdownBlockScanner` asks it on each line where
/// no block starts and the innermost block is a list item.
///
/// The scanner is generic over it, so the rule's check is specialised into the per-line path. The
/// product has one rule, `GFMSpecTaskListRule`; the tests add cmark-gfm's, quirks included, to compare
/// the block structure with that reference parser.
protocol TaskListRule {
    /// The task marker the rest of `line`, from its current position, puts on `item`; nil when it
    /// puts none. The scanner moves past the marker, to two bytes after its check character.
    /// `indented` says whether the content there is indented four columns or more.
    static func taskMarker(on line: MarkdownLine, for item: OpenBlock, indented: Bool) -> TaskListMarker?
}
