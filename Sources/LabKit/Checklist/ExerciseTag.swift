/// The `<!-- lab:ID -->` comment at the end of a checklist item that binds it to an exercise.
enum ExerciseTag {
    /// The text without a trailing marker, and the marker's ID if there was one.
    ///
    /// Blanks around the marker, the `lab:` prefix and the ID are spaces, tabs and the other
    /// Unicode space separators (category Zs). Works on the text's UTF-8 bytes: every document
    /// line goes through here, so no bridging to Foundation strings.
    static func split(_ text: String) -> (text: String, id: String?) {
        let bytes = Array(text.utf8)
        let count = bytes.count
        // The shortest marker is `<!--lab:x-->`.
        guard count >= 12, bytes[count - 3] == MarkdownByte.dash, bytes[count - 2] == MarkdownByte.dash,
              bytes[count - 1] == MarkdownByte.greaterThan,
              let open = lastOpening(in: bytes, before: count - 3)
        else {
            return (text, nil)
        }
        let inner = trimmed(bytes[(open + 4)..<(count - 3)])
        guard inner.starts(with: "lab:".utf8) else { return (text, nil) }
        let id = trimmed(inner.dropFirst(4))
        let idText = String(decoding: id, as: UTF8.self)
        guard !id.isEmpty, !idText.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else {
            return (text, nil)
        }
        let rest = String(decoding: trimmed(bytes[..<open]), as: UTF8.self)
        return (rest, idText)
    }

    /// The comment `lab` writes after an item's text to bind it to exercise `id`.
    static func comment(for id: String) -> String {
        "<!-- lab:\(id) -->"
    }

    /// Where the last `<!--` that ends at or before `limit` starts.
    private static func lastOpening(in bytes: [UInt8], before limit: Int) -> Int? {
        var start = limit - 4
        while start >= 0 {
            if bytes[start] == MarkdownByte.lessThan, bytes[start + 1] == MarkdownByte.bang,
               bytes[start + 2] == MarkdownByte.dash, bytes[start + 3] == MarkdownByte.dash {
                return start
            }
            start -= 1
        }
        return nil
    }

    /// `slice` without leading and trailing blanks.
    private static func trimmed(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = slice
        while let width = blankWidth(startingAt: slice.startIndex, in: slice) {
            slice = slice.dropFirst(width)
        }
        while let width = blankWidth(endingAt: slice.endIndex, in: slice) {
            slice = slice.dropLast(width)
        }
        return slice
    }

    private static func blankWidth(startingAt index: Int, in slice: ArraySlice<UInt8>) -> Int? {
        guard index < slice.endIndex else { return nil }
        let byte = slice[index]
        if MarkdownByte.isSpaceOrTab(byte) { return 1 }
        guard byte >= 0xC0 else { return nil }
        let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        guard index + width <= slice.endIndex else { return nil }
        return isSpaceSeparator(slice[index..<(index + width)]) ? width : nil
    }

    private static func blankWidth(endingAt end: Int, in slice: ArraySlice<UInt8>) -> Int? {
        guard end > slice.startIndex else { return nil }
        let byte = slice[end - 1]
        if MarkdownByte.isSpaceOrTab(byte) { return 1 }
        guard byte >= 0x80 else { return nil }
        // Back up over continuation bytes to the scalar's lead byte.
        var start = end - 1
        while start > slice.startIndex, slice[start] & 0xC0 == 0x80, end - start < 4 { start -= 1 }
        return isSpaceSeparator(slice[start..<end]) ? end - start : nil
    }

    private static func isSpaceSeparator(_ scalarBytes: ArraySlice<UInt8>) -> Bool {
        var decoded = String(decoding: scalarBytes, as: UTF8.self).unicodeScalars.makeIterator()
        guard let scalar = decoded.next(), decoded.next() == nil else { return false }
        return scalar.properties.generalCategory == .spaceSeparator
    }
}
