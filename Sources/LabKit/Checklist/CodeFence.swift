/// The opening fence of a fenced code block: its character, its length and how far it was indented.
struct CodeFence: Equatable {
    var character: UInt8
    var length: Int
    /// Bytes of indentation before the opening fence, removed again from each content line.
    var indentation: Int

    /// cmark-gfm stores fence lengths in one byte, so a longer opening fence only needs 255 to close.
    static let maximumLength = 255

    /// The fence opening at `index`: three or more backticks whose info string holds no backtick, or three or more tildes.
    static func opening(_ line: MarkdownLine, at index: Int, indentation: Int) -> CodeFence? {
        let character = line.byte(at: index)
        guard character == MarkdownByte.backtick || character == MarkdownByte.tilde else { return nil }
        let length = run(of: character, in: line, from: index)
        guard length >= 3 else { return nil }
        let infoString = (index + length)..<line.end
        if character == MarkdownByte.backtick && infoString.contains(where: { line.byte(at: $0) == MarkdownByte.backtick }) {
            return nil
        }
        guard WellFormedUTF8.isValid(line.bytes, infoString) else { return nil }
        return CodeFence(character: character, length: min(length, maximumLength), indentation: indentation)
    }

    /// Whether the content at `index` is a fence that closes this one: same character, at least as long, nothing after but spaces.
    func isClosed(by line: MarkdownLine, at index: Int) -> Bool {
        guard line.byte(at: index) == character else { return false }
        let length = Self.run(of: character, in: line, from: index)
        guard length >= 3 && length >= self.length else { return false }
        var position = index + length
        while MarkdownByte.isSpaceOrTab(line.byte(at: position)) {
            position += 1
        }
        return position == line.end
    }

    private static func run(of character: UInt8, in line: MarkdownLine, from index: Int) -> Int {
        var position = index
        while line.byte(at: position) == character {
            position += 1
        }
        return position - index
    }
}
