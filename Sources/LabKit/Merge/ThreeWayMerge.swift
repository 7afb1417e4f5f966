/// Merges two edited versions of a file with their common base, line by line, as `git merge-file` does.
///
/// Changes made on one side only are taken; the same change made on both sides is taken once; changes
/// that overlap, or merely touch, are a conflict. Like git's default ("zealous", alphanumeric) level,
/// a conflict is narrowed to the lines on which the two sides really differ, and conflicts separated
/// only by a few lines, or by lines without a letter or digit, are joined into one. The result is byte
/// for byte what `git merge-file -p -L <oursLabel> -L base -L <theirsLabel>` prints.
///
/// Callers check `BinaryContent.isBinary` first: git refuses to merge binary files, and so should we.
public enum ThreeWayMerge {
    /// Conflicts this many lines apart or closer are joined into one.
    private static let joinDistance = 3

    /// Merges `ours` and `theirs`, two edits of `base`; conflict markers carry the two labels.
    public static func merge(
        base: [UInt8], ours: [UInt8], theirs: [UInt8],
        oursLabel: String = "yours", theirsLabel: String = "template"
    ) -> MergeOutcome {
        let baseLines = TextLines(base)
        let oursLines = TextLines(ours)
        let theirsLines = TextLines(theirs)
        var classifier = LineClassifier()
        let baseClasses = classifier.classify(baseLines)
        let oursClasses = classifier.classify(oursLines)
        let theirsClasses = classifier.classify(theirsLines)

        let oursChanges = LineDiff.changes(from: baseClasses, to: oursClasses)
        let theirsChanges = LineDiff.changes(from: baseClasses, to: theirsClasses)
        guard !oursChanges.isEmpty else { return .clean(theirs) }
        guard !theirsChanges.isEmpty else { return .clean(ours) }

        var regions = pair(
            oursChanges, theirsChanges, oursClasses: oursClasses, theirsClasses: theirsClasses,
            baseCount: baseLines.count, oursCount: oursLines.count, theirsCount: theirsLines.count)
        regions = narrowConflicts(regions, oursClasses: oursClasses, theirsClasses: theirsClasses)
        regions = joinNearbyConflicts(regions, ours: oursLines)

        let writer = MergedFileWriter(
            base: baseLines, ours: oursLines, theirs: theirsLines,
            oursLabel: oursLabel, theirsLabel: theirsLabel)
        let bytes = writer.write(regions)
        let conflicts = regions.count { $0.resolution == .conflict }
        return conflicts == 0 ? .clean(bytes) : .conflicted(bytes, conflicts: conflicts)
    }

    /// Walks both sides' changes in base order and turns them into regions: one-sided changes, and
    /// conflicts wherever the changes overlap or touch and are not the same change.
    private static func pair(
        _ oursChanges: [LineChange], _ theirsChanges: [LineChange],
        oursClasses: [Int], theirsClasses: [Int],
        baseCount: Int, oursCount: Int, theirsCount: Int
    ) -> [MergeRegion] {
        var regions: [MergeRegion] = []
        var oursIndex = 0
        var theirsIndex = 0

        while oursIndex < oursChanges.count, theirsIndex < theirsChanges.count {
            let mine = oursChanges[oursIndex]
            let other = theirsChanges[theirsIndex]
            // Strictly before: a change that ends where the other begins still conflicts with it,
            // as in git, since nothing unchanged is left between them to anchor either one.
            if mine.oldEnd < other.oldStart {
                append(
                    MergeRegion(
                        resolution: .ours,
                        oursStart: mine.newStart, oursCount: mine.newCount,
                        theirsStart: other.newStart - other.oldStart + mine.oldStart,
                        theirsCount: mine.oldCount),
                    to: &regions)
                oursIndex += 1
                continue
            }
            if other.oldEnd < mine.oldStart {
                append(
                    MergeRegion(
                        resolution: .theirs,
                        oursStart: mine.newStart - mine.oldStart + other.oldStart,
                        oursCount: other.oldCount,
                        theirsStart: other.newStart, theirsCount: other.newCount),
                    to: &regions)
                theirsIndex += 1
                continue
            }
            let isSameChange =
                mine.oldStart == other.oldStart && mine.oldCount == other.oldCount
                && mine.newCount == other.newCount
                && oursClasses[mine.newStart..<mine.newEnd] == theirsClasses[other.newStart..<other.newEnd]
            if !isSameChange {
                // Stretch both sides so the conflict covers the union of the two base ranges.
                let startShift = mine.oldStart - other.oldStart
                let endShift = startShift + mine.oldCount - other.oldCount
                var oursStart = mine.newStart
                var theirsStart = other.newStart
                if startShift > 0 {
                    oursStart -= startShift
                } else {
                    theirsStart += startShift
                }
                var oursCount = mine.newEnd - oursStart
                var theirsCount = other.newEnd - theirsStart
                if endShift < 0 {
                    oursCount -= endShift
                } else {
                    theirsCount += endShift
                }
                append(
                    MergeRegion(
                        resolution: .conflict,
                        oursStart: oursStart, oursCount: oursCount,
                        theirsStart: theirsStart, theirsCount: theirsCount),
                    to: &regions)
            }
            let mineEnd = mine.oldEnd
            let otherEnd = other.oldEnd
            if mineEnd >= otherEnd { theirsIndex += 1 }
            if otherEnd >= mineEnd { oursIndex += 1 }
        }
        for mine in oursChanges[oursIndex...] {
            append(
                MergeRegion(
                    resolution: .ours,
                    oursStart: mine.newStart, oursCount: mine.newCount,
                    theirsStart: mine.oldStart + theirsCount - baseCount, theirsCount: mine.oldCount),
                to: &regions)
        }
        for other in theirsChanges[theirsIndex...] {
            append(
                MergeRegion(
                    resolution: .theirs,
                    oursStart: other.oldStart + oursCount - baseCount, oursCount: other.oldCount,
                    theirsStart: other.newStart, theirsCount: other.newCount),
                to: &regions)
        }
        return regions
    }

    /// Adds `region`, folding it into the previous one when they overlap or touch on either side;
    /// folding regions taken from different sides makes a conflict.
    private static func append(_ region: MergeRegion, to regions: inout [MergeRegion]) {
        guard var last = regions.last,
            region.oursStart <= last.oursEnd || region.theirsStart <= last.theirsEnd
        else {
            regions.append(region)
            return
        }
        if region.resolution != last.resolution {
            last.resolution = .conflict
        }
        last.oursCount = region.oursEnd - last.oursStart
        last.theirsCount = region.theirsEnd - last.theirsStart
        regions[regions.count - 1] = last
    }

    /// Diffs the two sides of each conflict against each other and keeps only the lines where they
    /// differ: lines both sides agree on leave the conflict, and a conflict whose sides are equal
    /// is no conflict at all.
    private static func narrowConflicts(
        _ regions: [MergeRegion], oursClasses: [Int], theirsClasses: [Int]
    ) -> [MergeRegion] {
        var narrowed: [MergeRegion] = []
        narrowed.reserveCapacity(regions.count)
        for var region in regions {
            guard region.resolution == .conflict, region.oursCount > 0, region.theirsCount > 0 else {
                narrowed.append(region)
                continue
            }
            let differences = LineDiff.changes(
                from: Array(oursClasses[region.oursStart..<region.oursEnd]),
                to: Array(theirsClasses[region.theirsStart..<region.theirsEnd]))
            guard !differences.isEmpty else {
                region.resolution = .identical
                narrowed.append(region)
                continue
            }
            for difference in differences {
                var part = region
                part.oursStart = region.oursStart + difference.oldStart
                part.oursCount = difference.oldCount
                part.theirsStart = region.theirsStart + difference.newStart
                part.theirsCount = difference.newCount
                narrowed.append(part)
            }
        }
        return narrowed
    }

    /// Joins consecutive conflicts separated by at most `joinDistance` lines, or by lines without a
    /// letter or digit: one conflict is easier to resolve than several split by a brace or a blank.
    private static func joinNearbyConflicts(_ regions: [MergeRegion], ours: TextLines) -> [MergeRegion] {
        var joined: [MergeRegion] = []
        joined.reserveCapacity(regions.count)
        for region in regions {
            guard var last = joined.last, last.resolution == .conflict, region.resolution == .conflict
            else {
                joined.append(region)
                continue
            }
            let gapStart = last.oursEnd
            let gapEnd = region.oursStart
            let keepApart =
                gapEnd - gapStart > joinDistance
                && (gapStart..<gapEnd).contains { hasLetterOrDigit(ours[$0]) }
            if keepApart {
                joined.append(region)
            } else {
                last.oursCount = region.oursEnd - last.oursStart
                last.theirsCount = region.theirsEnd - last.theirsStart
                joined[joined.count - 1] = last
            }
        }
        return joined
    }

    /// Whether `line` holds an ASCII letter or digit (git's test ignores every other byte).
    private static func hasLetterOrDigit(_ line: ArraySlice<UInt8>) -> Bool {
        line.contains { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }
    }
}
