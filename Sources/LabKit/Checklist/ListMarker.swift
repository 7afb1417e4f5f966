/// A list item marker (`-`, `+`, `*`, or 1–9 digits and `.` or `)`) found at the start of a line's content.
struct ListMarker: Equatable {
    /// What decides whether two items belong to the same list.
    enum Style: Equatable {
        case bullet(UInt8)
        case ordered(delimiter: UInt8)
    }

    var style: Style
    /// The number an ordered marker starts with; 0 for bullets.
    var start: Int
    /// Bytes of the marker itself.
    var length: Int

    /// The marker at `index`, if there is one that may start an item here.
    ///
    /// An item that would interrupt a paragraph must not be empty, and if ordered must start at 1:
    /// otherwise the line is just more text of that paragraph.
    static func parse(_ line: MarkdownLine, at index: Int, interruptsParagraph: Bool) -> ListMarker? {
        let first = line.byte(at: index)
        if first == MarkdownByte.star || first == MarkdownByte.dash || first == MarkdownByte.plus {
            guard MarkdownByte.isSpace(line.byte(at: index + 1)) else { return nil }
            if interruptsParagraph && restIsBlank(line, from: index + 1) {
                return nil
            }
            return ListMarker(style: .bullet(first), start: 0, length: 1)
        }
        guard MarkdownByte.isDigit(first) else { return nil }
        var position = index
        var number = 0
        var digits = 0
        repeat {
            number = number * 10 + Int(line.byte(at: position) - MarkdownByte.zero)
            position += 1
            digits += 1
        } while digits < 9 && MarkdownByte.isDigit(line.byte(at: position))
        if interruptsParagraph && number != 1 {
            return nil
        }
        let delimiter = line.byte(at: position)
        guard delimiter == MarkdownByte.dot || delimiter == MarkdownByte.rightParen else { return nil }
        position += 1
        guard MarkdownByte.isSpace(line.byte(at: position)) else { return nil }
        if interruptsParagraph && restIsBlank(line, from: position) {
            return nil
        }
        return ListMarker(style: .ordered(delimiter: delimiter), start: number, length: position - index)
    }

    private static func restIsBlank(_ line: MarkdownLine, from index: Int) -> Bool {
        var position = index
        while MarkdownByte.isSpaceOrTab(line.byte(at: position)) {
            position += 1
        }
        return position >= line.end
    }
}
