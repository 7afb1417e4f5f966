/// xdiff's divide-and-conquer Myers O(ND) search, with the cost limits that keep it fast on files
/// that differ a lot.
///
/// The search looks for the middle snake of a box from both corners at once. Once the edit cost
/// passes `heuristicMinimumCost` and a long diagonal run has been seen, a run that is long and far
/// along is taken as the split; once it passes `maximumCost` (about √ of the file sizes) the furthest
/// point reached is taken. Either way the result stays a correct diff, only no longer a minimal one,
/// and the work stays near linear. The exact same rules as xdiff's are used so that the hunks, and
/// therefore merges, come out as git's do.
enum MyersSearch {
    /// A diagonal run this long counts as a good one for the cost heuristics.
    private static let snakeLength = 20

    /// Below this edit cost the search is always exact.
    private static let heuristicMinimumCost = 256

    /// The cost limit is never lower than this.
    private static let minimumMaximumCost = 256

    /// A box still to be diffed: `old[oldStart..<oldEnd]` against `new[newStart..<newEnd]`.
    private struct Box {
        var oldStart: Int, oldEnd: Int
        var newStart: Int, newEnd: Int
        var needsMinimal: Bool
    }

    /// Where a box is cut in two, and whether each half must be diffed exactly.
    private struct Split {
        var old: Int, new: Int
        var lowerNeedsMinimal: Bool, upperNeedsMinimal: Bool
    }

    /// Marks as changed the lines of `old` and `new` (reduced sequences of classes) that the search
    /// leaves unmatched; `oldLines`/`newLines` give the line each element stands for.
    static func markChanges(
        old: [Int], new: [Int], oldLines: [Int], newLines: [Int],
        oldMarks: inout ChangeMarks, newMarks: inout ChangeMarks, work: inout Int
    ) {
        let diagonals = old.count + new.count + 3
        let maximumCost = max(LineDiff.roughSquareRoot(diagonals), minimumMaximumCost)
        // One vector for the forward search, one for the backward, each indexed by diagonal
        // k = i - j, which runs from -new.count - 1 to old.count + 1.
        var vectors = Array(repeating: 0, count: 2 * diagonals + 2)

        old.withUnsafeBufferPointer { a in
            new.withUnsafeBufferPointer { b in
                vectors.withUnsafeMutableBufferPointer { vectors in
                    guard let base = vectors.baseAddress else { return }
                    let forward = base + (new.count + 1)
                    let backward = base + (diagonals + new.count + 1)
                    var boxes = [
                        Box(oldStart: 0, oldEnd: a.count, newStart: 0, newEnd: b.count, needsMinimal: false)
                    ]
                    while var box = boxes.popLast() {
                        while box.oldStart < box.oldEnd, box.newStart < box.newEnd,
                            a[box.oldStart] == b[box.newStart]
                        {
                            box.oldStart += 1
                            box.newStart += 1
                        }
                        while box.oldStart < box.oldEnd, box.newStart < box.newEnd,
                            a[box.oldEnd - 1] == b[box.newEnd - 1]
                        {
                            box.oldEnd -= 1
                            box.newEnd -= 1
                        }
                        if box.oldStart == box.oldEnd {
                            for index in box.newStart..<box.newEnd { newMarks[newLines[index]] = true }
                        } else if box.newStart == box.newEnd {
                            for index in box.oldStart..<box.oldEnd { oldMarks[oldLines[index]] = true }
                        } else {
                            let split = split(
                                a, b, box, forward: forward, backward: backward, maximumCost: maximumCost, work: &work)
                            let isCorner =
                                (split.old == box.oldStart && split.new == box.newStart)
                                || (split.old == box.oldEnd && split.new == box.newEnd)
                            if isCorner {
                                // A cut that makes no progress would loop forever; calling the whole
                                // box changed is still a correct diff.
                                for index in box.newStart..<box.newEnd { newMarks[newLines[index]] = true }
                                for index in box.oldStart..<box.oldEnd { oldMarks[oldLines[index]] = true }
                                continue
                            }
                            boxes.append(
                                Box(
                                    oldStart: split.old, oldEnd: box.oldEnd,
                                    newStart: split.new, newEnd: box.newEnd,
                                    needsMinimal: split.upperNeedsMinimal))
                            boxes.append(
                                Box(
                                    oldStart: box.oldStart, oldEnd: split.old,
                                    newStart: box.newStart, newEnd: split.new,
                                    needsMinimal: split.lowerNeedsMinimal))
                        }
                    }
                }
            }
        }
    }

    /// Finds where to cut `box`: the middle snake, or a good-enough point once the cost limits hit.
    ///
    /// Names follow xdiff's notation, which makes the two easy to compare: `off`/`lim` bound the box
    /// in each file (1 old, 2 new), `d` is a diagonal `i1 - i2`, and `f…`/`b…` (with the vectors `kf`
    /// and `kb`) belong to the forward and the backward search.
    private static func split(
        _ a: UnsafeBufferPointer<Int>, _ b: UnsafeBufferPointer<Int>, _ box: Box,
        forward kf: UnsafeMutablePointer<Int>, backward kb: UnsafeMutablePointer<Int>,
        maximumCost: Int, work: inout Int
    ) -> Split {
        let off1 = box.oldStart
        let lim1 = box.oldEnd
        let off2 = box.newStart
        let lim2 = box.newEnd
        let dmin = off1 - lim2
        let dmax = lim1 - off2
        let fmid = off1 - off2
        let bmid = lim1 - lim2
        let odd = (fmid - bmid) & 1 != 0
        var fmin = fmid
        var fmax = fmid
        var bmin = bmid
        var bmax = bmid

        kf[fmid] = off1
        kb[bmid] = lim1

        var cost = 1
        while true {
            var gotSnake = false

            // Widen the band of diagonals by one each way, or narrow it where it meets the box edge;
            // the slot just outside is primed so the loop below needs no edge tests.
            if fmin > dmin {
                fmin -= 1
                kf[fmin - 1] = -1
            } else {
                fmin += 1
            }
            if fmax < dmax {
                fmax += 1
                kf[fmax + 1] = -1
            } else {
                fmax -= 1
            }
            for d in stride(from: fmax, through: fmin, by: -2) {
                var i1 = kf[d - 1] >= kf[d + 1] ? kf[d - 1] + 1 : kf[d + 1]
                let start = i1
                var i2 = i1 - d
                while i1 < lim1, i2 < lim2, a[i1] == b[i2] {
                    i1 += 1
                    i2 += 1
                }
                work += 1 + (i1 - start)
                if i1 - start > snakeLength { gotSnake = true }
                kf[d] = i1
                if odd, bmin <= d, d <= bmax, kb[d] <= i1 {
                    return Split(old: i1, new: i2, lowerNeedsMinimal: true, upperNeedsMinimal: true)
                }
            }

            if bmin > dmin {
                bmin -= 1
                kb[bmin - 1] = Int.max
            } else {
                bmin += 1
            }
            if bmax < dmax {
                bmax += 1
                kb[bmax + 1] = Int.max
            } else {
                bmax -= 1
            }
            for d in stride(from: bmax, through: bmin, by: -2) {
                var i1 = kb[d - 1] < kb[d + 1] ? kb[d - 1] : kb[d + 1] - 1
                let start = i1
                var i2 = i1 - d
                while i1 > off1, i2 > off2, a[i1 - 1] == b[i2 - 1] {
                    i1 -= 1
                    i2 -= 1
                }
                work += 1 + (start - i1)
                if start - i1 > snakeLength { gotSnake = true }
                kb[d] = i1
                if !odd, fmin <= d, d <= fmax, i1 <= kf[d] {
                    return Split(old: i1, new: i2, lowerNeedsMinimal: true, upperNeedsMinimal: true)
                }
            }

            if box.needsMinimal {
                cost += 1
                continue
            }

            // Costly already, and a long run was seen: take the most advanced diagonal that ends in
            // a long run, weighing progress against distance from the middle diagonal.
            if gotSnake, cost > heuristicMinimumCost {
                var best = 0
                var bestPoint = (0, 0)
                for d in stride(from: fmax, through: fmin, by: -2) {
                    let distance = d > fmid ? d - fmid : fmid - d
                    let i1 = kf[d]
                    let i2 = i1 - d
                    let value = (i1 - off1) + (i2 - off2) - distance
                    if value > 4 * cost, value > best,
                        off1 + snakeLength <= i1, i1 < lim1, off2 + snakeLength <= i2, i2 < lim2
                    {
                        var k = 1
                        while a[i1 - k] == b[i2 - k] {
                            if k == snakeLength {
                                best = value
                                bestPoint = (i1, i2)
                                break
                            }
                            k += 1
                        }
                    }
                }
                if best > 0 {
                    return Split(
                        old: bestPoint.0, new: bestPoint.1, lowerNeedsMinimal: true, upperNeedsMinimal: false)
                }

                for d in stride(from: bmax, through: bmin, by: -2) {
                    let distance = d > bmid ? d - bmid : bmid - d
                    let i1 = kb[d]
                    let i2 = i1 - d
                    let value = (lim1 - i1) + (lim2 - i2) - distance
                    if value > 4 * cost, value > best,
                        off1 < i1, i1 <= lim1 - snakeLength, off2 < i2, i2 <= lim2 - snakeLength
                    {
                        var k = 0
                        while a[i1 + k] == b[i2 + k] {
                            if k == snakeLength - 1 {
                                best = value
                                bestPoint = (i1, i2)
                                break
                            }
                            k += 1
                        }
                    }
                }
                if best > 0 {
                    return Split(
                        old: bestPoint.0, new: bestPoint.1, lowerNeedsMinimal: false, upperNeedsMinimal: true)
                }
            }

            // Enough: cut at the furthest point either search has reached.
            if cost >= maximumCost {
                var forwardBest = -1
                var forwardOld = -1
                for d in stride(from: fmax, through: fmin, by: -2) {
                    var i1 = min(kf[d], lim1)
                    var i2 = i1 - d
                    if lim2 < i2 {
                        i1 = lim2 + d
                        i2 = lim2
                    }
                    if forwardBest < i1 + i2 {
                        forwardBest = i1 + i2
                        forwardOld = i1
                    }
                }
                var backwardBest = Int.max
                var backwardOld = Int.max
                for d in stride(from: bmax, through: bmin, by: -2) {
                    var i1 = max(off1, kb[d])
                    var i2 = i1 - d
                    if i2 < off2 {
                        i1 = off2 + d
                        i2 = off2
                    }
                    if i1 + i2 < backwardBest {
                        backwardBest = i1 + i2
                        backwardOld = i1
                    }
                }
                if (lim1 + lim2) - backwardBest < forwardBest - (off1 + off2) {
                    return Split(
                        old: forwardOld, new: forwardBest - forwardOld,
                        lowerNeedsMinimal: true, upperNeedsMinimal: false)
                }
                return Split(
                    old: backwardOld, new: backwardBest - backwardOld,
                    lowerNeedsMinimal: false, upperNeedsMinimal: true)
            }
            cost += 1
        }
    }
}
