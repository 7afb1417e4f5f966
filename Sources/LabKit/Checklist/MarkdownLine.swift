/// One line of a Markdown document with the byte position and tab-aware column that block parsing advances through.
///
/// The rules follow cmark-gfm's line handling: tabs advance to the next multiple of four columns, a
/// tab may be consumed partly (a list item's content can start in the middle of one), and the line
/// behaves as if it ended in exactly one `\n` whatever its real terminator was.
struct MarkdownLine {
    /// The whole document; the line is `bytes[start..<end]`.
    let bytes: [UInt8]
    let start: Int
    /// Index of the line's terminator, or `bytes.count` for a last line without one.
    let end: Int
    /// 1-based line number.
    let number: Int

    var offset: Int
    var column = 0
    var firstNonspace: Int
    var firstNonspaceColumn = 0
    /// Columns of whitespace between `column` and `firstNonspace`.
    var indent = 0
    var isBlank = false
    var partiallyConsumedTab = false

    init(bytes: [UInt8], start: Int, end: Int, number: Int, contentStart: Int) {
        self.bytes = bytes
        self.start = start
        self.end = end
        self.number = number
        self.offset = contentStart
        self.firstNonspace = contentStart
    }

    /// The byte at `index`: the line's terminator reads as `\n`, anything past it as 0.
    func byte(at index: Int) -> UInt8 {
        if index >= start && index < end {
            return bytes[index]
        }
        return index == end ? MarkdownByte.newline : 0
    }

    /// Sets `firstNonspace`, `indent` and `isBlank` from the current position without moving it.
    mutating func findFirstNonspace() {
        var charsToTab = 4 - column % 4
        if firstNonspace <= offset {
            firstNonspace = offset
            firstNonspaceColumn = column
            scanning: while true {
                switch byte(at: firstNonspace) {
                case MarkdownByte.space:
                    firstNonspace += 1
                    firstNonspaceColumn += 1
                    charsToTab -= 1
                    if charsToTab == 0 {
                        charsToTab = 4
                    }
                case MarkdownByte.tab:
                    firstNonspace += 1
                    firstNonspaceColumn += charsToTab
                    charsToTab = 4
                default:
                    break scanning
                }
            }
        }
        indent = firstNonspaceColumn - column
        isBlank = firstNonspace == end
    }

    /// Moves forward by `count` columns (tabs may be split) or by `count` bytes (tabs count as one).
    mutating func advance(_ count: Int, columns: Bool) {
        var remaining = count
        while remaining > 0 && offset <= end {
            if byte(at: offset) == MarkdownByte.tab {
                let charsToTab = 4 - column % 4
                if columns {
                    partiallyConsumedTab = charsToTab > remaining
                    let step = min(remaining, charsToTab)
                    column += step
                    offset += partiallyConsumedTab ? 0 : 1
                    remaining -= step
                } else {
                    partiallyConsumedTab = false
                    column += charsToTab
                    offset += 1
                    remaining -= 1
                }
            } else {
                partiallyConsumedTab = false
                offset += 1
                column += 1
                remaining -= 1
            }
        }
    }

    /// Moves to the line's end, where nothing but the terminator is left.
    mutating func advanceToEnd() {
        advance(end - offset, columns: false)
    }

    /// The bytes from `index` to the end of the line, as a range of the document.
    func rest(from index: Int) -> Range<Int> {
        min(max(index, start), end)..<end
    }

    /// Whether `pattern` lies within the line between `index` and `limit` (the line's end if nil),
    /// comparing ASCII letters without case when asked.
    func contains(_ pattern: [UInt8], from index: Int, before limit: Int? = nil, ignoringCase: Bool) -> Bool {
        guard !pattern.isEmpty, index >= start else { return false }
        let bound = min(limit ?? end, end)
        var candidate = index
        while candidate + pattern.count <= bound {
            if matches(pattern, at: candidate, ignoringCase: ignoringCase) {
                return true
            }
            candidate += 1
        }
        return false
    }

    /// Whether `pattern` appears at `index`, comparing ASCII letters without case when asked.
    func matches(_ pattern: [UInt8], at index: Int, ignoringCase: Bool) -> Bool {
        for (distance, expected) in pattern.enumerated() {
            let actual = byte(at: index + distance)
            if ignoringCase ? MarkdownByte.lowercased(actual) != MarkdownByte.lowercased(expected) : actual != expected {
                return false
            }
        }
        return true
    }
}
