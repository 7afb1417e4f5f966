/// The two ways a line makes a heading: an ATX opening (`#` to `######`) and a setext underline (`===` or `---`).
enum HeadingSyntax {
    /// The level and the length (hashes and the whitespace after them) of an ATX opening at `index`.
    static func atxOpening(_ line: MarkdownLine, at index: Int) -> (level: Int, length: Int)? {
        var position = index
        while line.byte(at: position) == MarkdownByte.hash && position - index < 7 {
            position += 1
        }
        let level = position - index
        guard (1...6).contains(level) else { return nil }
        let next = line.byte(at: position)
        if position == line.end {
            // The line ending itself counts as the whitespace after the hashes.
            return (level, level + 1)
        }
        guard MarkdownByte.isSpaceOrTab(next) else { return nil }
        while MarkdownByte.isSpaceOrTab(line.byte(at: position)) {
            position += 1
        }
        return (level, position - index)
    }

    /// The text of an ATX heading whose content starts at `contentStart`, closing hashes removed.
    static func atxText(_ line: MarkdownLine, contentStart: Int) -> ArraySlice<UInt8> {
        var end = line.end
        while end > line.start && MarkdownByte.isSpace(line.bytes[end - 1]) {
            end -= 1
        }
        var beforeHashes = end - 1
        while beforeHashes >= line.start && line.bytes[beforeHashes] == MarkdownByte.hash {
            beforeHashes -= 1
        }
        if beforeHashes != end - 1 && beforeHashes >= line.start && MarkdownByte.isSpaceOrTab(line.bytes[beforeHashes]) {
            end = beforeHashes
            while end > line.start && MarkdownByte.isSpace(line.bytes[end - 1]) {
                end -= 1
            }
        }
        var start = max(contentStart, line.start)
        while start < end && MarkdownByte.isSpaceOrTab(line.bytes[start]) {
            start += 1
        }
        return start < end ? line.bytes[start..<end] : []
    }

    /// 1 for an `=` underline, 2 for a `-` underline, at `index`.
    static func setextLevel(_ line: MarkdownLine, at index: Int) -> Int? {
        let character = line.byte(at: index)
        guard character == MarkdownByte.equals || character == MarkdownByte.dash else { return nil }
        var position = index
        while line.byte(at: position) == character {
            position += 1
        }
        while MarkdownByte.isSpaceOrTab(line.byte(at: position)) {
            position += 1
        }
        guard position == line.end else { return nil }
        return character == MarkdownByte.equals ? 1 : 2
    }
}
