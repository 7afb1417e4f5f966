/// A thematic break: three or more `*`, `-` or `_`, optionally separated by spaces or tabs, alone on the line.
enum ThematicBreak {
    static func matches(_ line: MarkdownLine, at index: Int) -> Bool {
        let character = line.byte(at: index)
        guard character == MarkdownByte.star || character == MarkdownByte.dash || character == MarkdownByte.underscore else {
            return false
        }
        var count = 0
        var position = index
        while position < line.end {
            let next = line.byte(at: position)
            if next == character {
                count += 1
            } else if !MarkdownByte.isSpaceOrTab(next) {
                return false
            }
            position += 1
        }
        return count >= 3
    }
}
