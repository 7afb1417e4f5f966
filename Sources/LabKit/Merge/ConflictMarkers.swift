/// Finds the git-style conflict markers a conflicting merge leaves in a file (`<<<<<<< yours`,
/// `=======`, `>>>>>>> template`), so that a file still holding them is reported until resolved.
public enum ConflictMarkers {
    /// The 1-based line of the first `<<<<<<<` line that opens a conflict still in `bytes`: one
    /// followed by a `=======` line and then a `>>>>>>>` line. Nil when there is none.
    public static func firstLine(in bytes: [UInt8]) -> Int? {
        first(in: bytes)?.line
    }

    /// The line (counted at `\n`) and byte offset of that `<<<<<<<` line.
    public static func first(in bytes: [UInt8]) -> (line: Int, offset: Int)? {
        var line = 1
        var start = 0
        var opened: (line: Int, offset: Int)?
        var separated = false
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            switch marker(bytes, from: start, to: end) {
            case UInt8(ascii: "<"):
                opened = (line, start)
                separated = false
            case UInt8(ascii: "=") where opened != nil:
                separated = true
            case UInt8(ascii: ">") where separated:
                return opened
            default:
                break
            }
            line += 1
            start = end + 1
        }
        return nil
    }

    /// `<`, `=` or `>` when the line from `start` to `end` is a marker: exactly seven of them,
    /// then the end of the line or a space (and a label); `=======` stands alone.
    private static func marker(_ bytes: [UInt8], from start: Int, to end: Int) -> UInt8? {
        let size = MergedFileWriter.markerSize
        guard end - start >= size else { return nil }
        let character = bytes[start]
        guard character == UInt8(ascii: "<") || character == UInt8(ascii: "=") || character == UInt8(ascii: ">") else { return nil }
        for index in start..<(start + size) where bytes[index] != character { return nil }
        var rest = start + size
        if rest < end && bytes[end - 1] == 0x0D && rest == end - 1 { rest = end }
        if rest == end { return character }
        return character != UInt8(ascii: "=") && bytes[rest] == UInt8(ascii: " ") ? character : nil
    }
}
