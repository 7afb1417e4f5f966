/// The GFM spec's task rule: `[ ]`, `[x]` or `[X]` and a space or tab open the item's first
/// paragraph, wherever the item sits, and the character between the brackets alone says whether it
/// is ticked.
enum GFMSpecTaskListRule: TaskListRule {
    static func taskMarker(on line: MarkdownLine, for item: OpenBlock, indented: Bool) -> TaskListMarker? {
        guard !indented, item.taskIndex == nil, !item.hasChild else { return nil }
        return TaskListMarker.parse(line, at: line.firstNonspace)
    }
}
