/// The line diff `git` uses by default, so that merges built on it agree with `git merge-file`.
///
/// The steps are xdiff's: trim the common head and tail; set aside lines that cannot match (they
/// occur nowhere in the other file, or they are very common and sit among such lines); run the Myers
/// search on what is left, with xdiff's cost limits; then slide each group of changed lines as far down
/// as it goes, pulling it back up to line up with a change in the other file when it can. Lines are
/// compared by class number (see `LineClassifier`).
enum LineDiff {
    /// The hunks that turn `old` into `new`, in order.
    static func changes(from old: [Int], to new: [Int]) -> [LineChange] {
        var work = 0
        return changes(from: old, to: new, work: &work)
    }

    /// The same, adding to `work` the steps the search took (diagonals looked at and lines
    /// compared): what tests check to see that the cost stays near linear.
    static func changes(from old: [Int], to new: [Int], work: inout Int) -> [LineChange] {
        var oldMarks = ChangeMarks(count: old.count)
        var newMarks = ChangeMarks(count: new.count)
        let reduced = reduce(old, new, oldMarks: &oldMarks, newMarks: &newMarks)
        MyersSearch.markChanges(
            old: reduced.old, new: reduced.new,
            oldLines: reduced.oldLines, newLines: reduced.newLines,
            oldMarks: &oldMarks, newMarks: &newMarks, work: &work
        )
        ChangeCompaction.compact(&oldMarks, lines: old, other: newMarks)
        ChangeCompaction.compact(&newMarks, lines: new, other: oldMarks)
        return script(oldMarks, newMarks)
    }

    /// The lines left for the Myers search, by class, with the line each came from.
    private struct Reduced {
        var old: [Int] = []
        var oldLines: [Int] = []
        var new: [Int] = []
        var newLines: [Int] = []
    }

    /// How often a line of one file occurs in the other.
    private enum Occurrence {
        case absent, few, many
    }

    /// A run of lines this far from a very common line is all that is looked at to decide its fate.
    private static let similarScanWindow = 100

    /// A line is very common when it occurs in the other file at least √n times, n being the length
    /// of its own file, or at least this many times.
    private static let commonLineLimit = 1024

    /// Trims the common head and tail and sets aside lines that cannot usefully match, marking those
    /// as changed right away; returns what is left.
    private static func reduce(
        _ old: [Int], _ new: [Int], oldMarks: inout ChangeMarks, newMarks: inout ChangeMarks
    ) -> Reduced {
        let shorter = min(old.count, new.count)
        var head = 0
        while head < shorter, old[head] == new[head] {
            head += 1
        }
        var tail = 0
        while tail < shorter - head, old[old.count - 1 - tail] == new[new.count - 1 - tail] {
            tail += 1
        }
        let oldLast = old.count - tail - 1
        let newLast = new.count - tail - 1

        let classCount = max(old.max() ?? -1, new.max() ?? -1) + 1
        var inOld = Array(repeating: 0, count: classCount)
        var inNew = Array(repeating: 0, count: classCount)
        for line in old { inOld[line] += 1 }
        for line in new { inNew[line] += 1 }

        var reduced = Reduced()
        keep(
            old, first: head, last: oldLast, counts: inNew, limit: limit(old.count),
            into: &reduced.old, lines: &reduced.oldLines, marks: &oldMarks)
        keep(
            new, first: head, last: newLast, counts: inOld, limit: limit(new.count),
            into: &reduced.new, lines: &reduced.newLines, marks: &newMarks)
        return reduced
    }

    private static func limit(_ lineCount: Int) -> Int {
        min(roughSquareRoot(lineCount), commonLineLimit)
    }

    /// Keeps the lines `first...last` of `file` worth searching; marks the others as changed.
    private static func keep(
        _ file: [Int], first: Int, last: Int, counts: [Int], limit: Int,
        into kept: inout [Int], lines: inout [Int], marks: inout ChangeMarks
    ) {
        guard first <= last else { return }
        var occurrence = Array(repeating: Occurrence.absent, count: file.count)
        for index in first...last {
            let found = counts[file[index]]
            occurrence[index] = found == 0 ? .absent : found >= limit ? .many : .few
        }
        for index in first...last {
            switch occurrence[index] {
            case .few:
                kept.append(file[index])
                lines.append(index)
            case .many where !isLostAmongUnmatched(occurrence, index, first: first, last: last):
                kept.append(file[index])
                lines.append(index)
            default:
                marks[index] = true
            }
        }
    }

    /// Whether a very common line sits in a run of lines that are mostly unmatched, where matching it
    /// would only produce a meaningless, scattered alignment.
    private static func isLostAmongUnmatched(
        _ occurrence: [Occurrence], _ index: Int, first: Int, last: Int
    ) -> Bool {
        let first = max(first, index - similarScanWindow)
        let last = min(last, index + similarScanWindow)

        var unmatchedBefore = 0
        var commonBefore = 1
        before: for position in stride(from: index - 1, through: first, by: -1) {
            switch occurrence[position] {
            case .absent: unmatchedBefore += 1
            case .many: commonBefore += 1
            case .few: break before
            }
        }
        guard unmatchedBefore > 0 else { return false }

        var unmatchedAfter = 0
        var commonAfter = 1
        after: for position in stride(from: index + 1, through: last, by: 1) {
            switch occurrence[position] {
            case .absent: unmatchedAfter += 1
            case .many: commonAfter += 1
            case .few: break after
            }
        }
        guard unmatchedAfter > 0 else { return false }

        let unmatched = unmatchedBefore + unmatchedAfter
        let common = commonBefore + commonAfter
        return common * 4 < common + unmatched
    }

    /// xdiff's integer square root approximation, kept exact because its value sets thresholds that
    /// decide which lines are searched.
    static func roughSquareRoot(_ value: Int) -> Int {
        var root = 1
        var rest = value
        while rest > 0 {
            root <<= 1
            rest >>= 2
        }
        return root
    }

    /// Collects the marked lines into hunks.
    private static func script(_ oldMarks: ChangeMarks, _ newMarks: ChangeMarks) -> [LineChange] {
        var changes: [LineChange] = []
        var oldIndex = oldMarks.count
        var newIndex = newMarks.count
        while oldIndex >= 0 || newIndex >= 0 {
            if oldMarks[oldIndex - 1] || newMarks[newIndex - 1] {
                let oldEnd = oldIndex
                let newEnd = newIndex
                while oldMarks[oldIndex - 1] { oldIndex -= 1 }
                while newMarks[newIndex - 1] { newIndex -= 1 }
                changes.append(
                    LineChange(
                        oldStart: oldIndex, oldCount: oldEnd - oldIndex,
                        newStart: newIndex, newCount: newEnd - newIndex))
            }
            oldIndex -= 1
            newIndex -= 1
        }
        return changes.reversed()
    }
}
