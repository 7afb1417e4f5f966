@testable import LabKit

/// cmark-gfm 0.29's tasklist extension, quirks included, so that tests can check the scanner's block
/// structure against the reference parser and tell its known departures from real disagreements.
///
/// Whenever no block starts at a point where the innermost matched block is a list item, it matches
/// its pattern against the whole line, from the line's first byte: the list marker must be the first
/// thing on the line (so not after `>`, a second marker or a byte order mark, nor on an earlier
/// line), and a later line of an item that already has content can still flag it. The item is
/// ticked when `[x]` or `[X]` appears anywhere on that line.
enum CmarkGFMTaskListRule: TaskListRule {
    static func taskMarker(on line: MarkdownLine, for item: OpenBlock, indented: Bool) -> TaskListMarker? {
        guard lineMatches(line) else { return nil }
        return TaskListMarker(checkOffset: line.offset + 1, isChecked: lineIsChecked(line))
    }

    /// The pattern cmark-gfm's tasklist extension matches against a whole line:
    /// `[ \t\v\f]* ([-+*] | [0-9]+ any) [ \t\v\f]+ \[[ xX]\] [ \t\v\f]`, where "any" is one
    /// well-formed UTF-8 character.
    static func lineMatches(_ line: MarkdownLine) -> Bool {
        var position = line.start
        while MarkdownByte.isLineSpace(line.byte(at: position)) {
            position += 1
        }
        let first = line.byte(at: position)
        if first == MarkdownByte.dash || first == MarkdownByte.plus || first == MarkdownByte.star {
            return checkboxFollows(line, spacesFrom: position + 1)
        }
        guard MarkdownByte.isDigit(first) else { return false }
        var afterDigits = position
        while MarkdownByte.isDigit(line.byte(at: afterDigits)) {
            afterDigits += 1
        }
        // `[0-9]+` may leave its last digit to the "any byte" that follows it.
        if afterDigits - position >= 2 && checkboxFollows(line, spacesFrom: afterDigits) {
            return true
        }
        guard afterDigits < line.end, let length = WellFormedUTF8.sequenceLength(in: line.bytes, at: afterDigits, limit: line.end) else {
            return false
        }
        return checkboxFollows(line, spacesFrom: afterDigits + length)
    }

    /// Whether one or more line spaces start at `start` and a checkbox and a line space follow them.
    private static func checkboxFollows(_ line: MarkdownLine, spacesFrom start: Int) -> Bool {
        var position = start
        while MarkdownByte.isLineSpace(line.byte(at: position)) {
            position += 1
        }
        guard position > start else { return false }
        let inside = line.byte(at: position + 1)
        return line.byte(at: position) == MarkdownByte.leftBracket
            && (inside == MarkdownByte.space || inside == MarkdownByte.lowerX || inside == MarkdownByte.upperX)
            && line.byte(at: position + 2) == MarkdownByte.rightBracket
            && position + 3 < line.end && MarkdownByte.isLineSpace(line.byte(at: position + 3))
    }

    /// cmark-gfm ticks the item when the line holds `[x]` or `[X]` anywhere.
    static func lineIsChecked(_ line: MarkdownLine) -> Bool {
        line.contains(Array("[x]".utf8), from: line.start, ignoringCase: true)
    }
}
