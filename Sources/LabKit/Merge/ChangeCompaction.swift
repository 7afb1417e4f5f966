/// Slides groups of changed lines to where git puts them, so that equal edits come out as equal hunks.
///
/// A group of inserted or deleted lines can often sit in several places (inserting `b` into `a b c`
/// can be the first `b` or the second). Like xdiff, each group is slid up as far as it goes, merging
/// with groups it meets, then down as far as it goes; it ends as low as possible unless it can line
/// up with a group of changes in the other file, in which case it stays aligned with the last one.
enum ChangeCompaction {
    /// A run of changed lines `start..<end`; an empty group sits just above line `start`.
    private struct Group {
        var start = 0
        var end = 0
    }

    /// Slides the groups of `marks` (the changes of the file whose classes are `lines`), keeping
    /// step with the groups of the other file's `other`.
    static func compact(_ marks: inout ChangeMarks, lines: [Int], other: ChangeMarks) {
        var group = first(marks)
        var otherGroup = first(other)

        while true {
            if group.end != group.start {
                var size: Int
                var earliestEnd: Int
                var endMatchingOther: Int?
                repeat {
                    size = group.end - group.start
                    endMatchingOther = nil

                    while slideUp(&marks, lines: lines, &group) {
                        _ = previous(other, &otherGroup)
                    }
                    earliestEnd = group.end
                    if otherGroup.end > otherGroup.start {
                        endMatchingOther = group.end
                    }

                    while slideDown(&marks, lines: lines, &group) {
                        _ = next(other, &otherGroup)
                        if otherGroup.end > otherGroup.start {
                            endMatchingOther = group.end
                        }
                    }
                } while size != group.end - group.start

                if group.end != earliestEnd, endMatchingOther != nil {
                    // Back up to the last place where the group faces a change in the other file.
                    while otherGroup.end == otherGroup.start {
                        guard slideUp(&marks, lines: lines, &group) else { break }
                        _ = previous(other, &otherGroup)
                    }
                }
            }

            guard next(marks, &group) else { break }
            _ = next(other, &otherGroup)
        }
    }

    private static func first(_ marks: ChangeMarks) -> Group {
        var group = Group()
        while marks[group.end] { group.end += 1 }
        return group
    }

    private static func next(_ marks: ChangeMarks, _ group: inout Group) -> Bool {
        guard group.end != marks.count else { return false }
        group.start = group.end + 1
        group.end = group.start
        while marks[group.end] { group.end += 1 }
        return true
    }

    private static func previous(_ marks: ChangeMarks, _ group: inout Group) -> Bool {
        guard group.start != 0 else { return false }
        group.end = group.start - 1
        group.start = group.end
        while marks[group.start - 1] { group.start -= 1 }
        return true
    }

    /// Moves the group one line down when its first line equals the line after it, then absorbs any
    /// group it now touches.
    private static func slideDown(_ marks: inout ChangeMarks, lines: [Int], _ group: inout Group) -> Bool {
        guard group.end < marks.count, lines[group.start] == lines[group.end] else { return false }
        marks[group.start] = false
        group.start += 1
        marks[group.end] = true
        group.end += 1
        while marks[group.end] { group.end += 1 }
        return true
    }

    /// Moves the group one line up when its last line equals the line before it, then absorbs any
    /// group it now touches.
    private static func slideUp(_ marks: inout ChangeMarks, lines: [Int], _ group: inout Group) -> Bool {
        guard group.start > 0, lines[group.start - 1] == lines[group.end - 1] else { return false }
        group.start -= 1
        marks[group.start] = true
        group.end -= 1
        marks[group.end] = false
        while marks[group.start - 1] { group.start -= 1 }
        return true
    }
}
