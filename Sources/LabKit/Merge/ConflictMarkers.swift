/// Finds the conflicts `lab scaffold`'s merge wrote into a file (`<<<<<<< yours`, `=======`,
/// `>>>>>>> template`) and the learner has not resolved yet, so that such a file is reported until
/// it is.
///
/// Only lab's own markers count — opened by `<<<<<<< yours` and closed by `>>>>>>> template` —
/// and only those the template's render does not hold itself: a document about merging that quotes
/// a conflict, or the learner's notes quoting one of git's (`<<<<<<< HEAD`), are text, not
/// conflicts. `git merge-file` merges such files cleanly, and so does lab.
public enum ConflictMarkers {
    static let opening = Array("<<<<<<< yours".utf8)
    static let separator = Array("=======".utf8)
    static let closing = Array(">>>>>>> template".utf8)

    /// The 1-based line (counted at `\n`) and byte offset of the first conflict of lab's in
    /// `bytes` that `template` (the render the file was generated from, when known) does not hold
    /// too. Nil when there is none.
    public static func firstUnresolved(in bytes: [UInt8], besides template: [UInt8]?) -> (line: Int, offset: Int)? {
        let conflicts = blocks(in: bytes)
        guard !conflicts.isEmpty else { return nil }
        // The template's own blocks, by their bytes, each accounting for one of the file's.
        var quoted: [ArraySlice<UInt8>: Int] = [:]
        if let template {
            for block in blocks(in: template) { quoted[template[block.range], default: 0] += 1 }
        }
        for block in conflicts {
            let text = bytes[block.range]
            if let count = quoted[text], count > 0 {
                quoted[text] = count - 1
                continue
            }
            return (block.line, block.range.lowerBound)
        }
        return nil
    }

    /// Every block of `bytes` from a `<<<<<<< yours` line through the next `=======` line and then
    /// the next `>>>>>>> template` line, with the line it starts on. A later opening line restarts
    /// the block (the nearest one to its closing counts).
    static func blocks(in bytes: [UInt8]) -> [(line: Int, range: Range<Int>)] {
        var found: [(line: Int, range: Range<Int>)] = []
        var line = 1
        var start = 0
        var opened: (line: Int, offset: Int)?
        var separated = false
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var content = end
            if content > start && bytes[content - 1] == 0x0D { content -= 1 }
            let text = bytes[start..<content]
            if text.elementsEqual(opening) {
                opened = (line, start)
                separated = false
            } else if opened != nil && text.elementsEqual(separator) {
                separated = true
            } else if let open = opened, separated, text.elementsEqual(closing) {
                found.append((open.line, open.offset..<min(end + 1, bytes.count)))
                opened = nil
                separated = false
            }
            line += 1
            start = end + 1
        }
        return found
    }
}
