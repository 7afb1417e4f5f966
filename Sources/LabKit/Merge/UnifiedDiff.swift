/// Renders the difference between two versions of a file as a unified diff, as `diff -u` and
/// `git diff` print it.
///
/// Hunks come from the same line diff as the merge, so what the diff shows is what a merge sees.
/// Changes closer than twice the context are shown in one hunk; a line without a terminator (the last
/// line of a file) is followed by `\ No newline at end of file`. Bytes that are not UTF-8 are shown as
/// U+FFFD.
public enum UnifiedDiff {
    /// The unified diff from `old` to `new` under `--- oldLabel` / `+++ newLabel` headers, with
    /// `context` lines around each change; an empty string when the two are equal.
    public static func make(
        old: [UInt8], new: [UInt8], oldLabel: String, newLabel: String, context: Int = 3
    ) -> String {
        let oldLines = TextLines(old)
        let newLines = TextLines(new)
        var classifier = LineClassifier()
        let oldClasses = classifier.classify(oldLines)
        let newClasses = classifier.classify(newLines)
        let changes = LineDiff.changes(from: oldClasses, to: newClasses)
        guard !changes.isEmpty else { return "" }

        let context = max(context, 0)
        var output: [UInt8] = []
        output.append(contentsOf: Array("--- \(oldLabel)\n+++ \(newLabel)\n".utf8))
        for hunk in hunks(changes, context: context) {
            write(hunk, old: oldLines, new: newLines, context: context, into: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Groups changes whose unchanged gap is at most `2 * context` lines, which would otherwise
    /// print overlapping or touching context.
    private static func hunks(_ changes: [LineChange], context: Int) -> [ArraySlice<LineChange>] {
        var hunks: [ArraySlice<LineChange>] = []
        var start = 0
        for index in changes.indices.dropFirst()
        where changes[index].oldStart - changes[index - 1].oldEnd > 2 * context {
            hunks.append(changes[start..<index])
            start = index
        }
        hunks.append(changes[start...])
        return hunks
    }

    private static func write(
        _ hunk: ArraySlice<LineChange>, old: TextLines, new: TextLines, context: Int,
        into output: inout [UInt8]
    ) {
        guard let first = hunk.first, let last = hunk.last else { return }
        let oldStart = max(first.oldStart - context, 0)
        let oldEnd = min(last.oldEnd + context, old.count)
        let newStart = max(first.newStart - context, 0)
        let newEnd = min(last.newEnd + context, new.count)
        let header = "@@ -\(range(oldStart, oldEnd - oldStart)) +\(range(newStart, newEnd - newStart)) @@\n"
        output.append(contentsOf: Array(header.utf8))

        var oldIndex = oldStart
        for change in hunk {
            for line in oldIndex..<change.oldStart {
                write(line, of: old, marker: " ", into: &output)
            }
            for line in change.oldStart..<change.oldEnd {
                write(line, of: old, marker: "-", into: &output)
            }
            for line in change.newStart..<change.newEnd {
                write(line, of: new, marker: "+", into: &output)
            }
            oldIndex = change.oldEnd
        }
        for line in oldIndex..<oldEnd {
            write(line, of: old, marker: " ", into: &output)
        }
    }

    /// `start,count` with 1-based `start`, the way diff prints it: `,1` is left out, and an empty range
    /// names the line before it.
    private static func range(_ start: Int, _ count: Int) -> String {
        switch count {
        case 0: "\(start),0"
        case 1: "\(start + 1)"
        default: "\(start + 1),\(count)"
        }
    }

    private static func write(_ line: Int, of file: TextLines, marker: Character, into output: inout [UInt8]) {
        output.append(marker.asciiValue ?? UInt8(ascii: " "))
        output.append(contentsOf: file[line])
        if !file.hasTerminator(line) {
            output.append(contentsOf: Array("\n\\ No newline at end of file\n".utf8))
        }
    }
}
