import Testing

@testable import LabKit

/// The diff's cost, counted in search steps rather than timed: a quadratic slip shows as a count
/// that grows with the square of the input, whatever the machine is doing.
struct MergePerformanceTests {
    static func classes(_ lines: [String]) -> [Int] {
        var numbers: [String: Int] = [:]
        return lines.map { line in
            if let known = numbers[line] { return known }
            numbers[line] = numbers.count
            return numbers.count - 1
        }
    }

    /// Search steps to diff `old` against `new`, both numbered by one shared table.
    static func work(_ old: [String], _ new: [String]) -> Int {
        let numbered = classes(old + new)
        var work = 0
        _ = LineDiff.changes(from: Array(numbered[..<old.count]), to: Array(numbered[old.count...]), work: &work)
        return work
    }

    @Test func aFewEditsInALargeFileCostAboutTheEdits() {
        let base = (0..<5_000).map { "let value\($0) = compute(\($0))" }
        var ours = base
        ours[100] = "let value100 = 0"
        ours.insert("// a note", at: 2_000)
        ours.remove(at: 4_000)
        ours.insert("let value7 = compute(7)", at: 3_000)
        // The head and tail are trimmed and lines found in one file only are set aside before the
        // search: what is left costs steps per edit, not per line.
        #expect(Self.work(base, ours) < 5_000)
        var theirs = base
        theirs[300] = "let value300 = 1"
        guard case .clean(let merged) = ThreeWayMerge.merge(
            base: Array(base.joined(separator: "\n").utf8), ours: Array(ours.joined(separator: "\n").utf8),
            theirs: Array(theirs.joined(separator: "\n").utf8))
        else {
            Issue.record("expected a clean merge")
            return
        }
        #expect(!merged.isEmpty)
    }

    @Test func dissimilarFilesStayNearLinear() {
        var random = SplitMix64(seed: 7)
        // Few distinct lines in different orders: every line matches somewhere, the worst case for
        // the search, whose cost limits must keep it near linear rather than quadratic.
        func shuffled(_ count: Int) -> [String] { (0..<count).map { _ in "line \(Int.random(in: 0..<4, using: &random))" } }
        let small = Self.work(shuffled(2_000), shuffled(2_000))
        let large = Self.work(shuffled(8_000), shuffled(8_000))
        // Four times the lines: about four times the steps when linear, sixteen when quadratic.
        #expect(Double(large) / Double(small) < 8, "2,000 lines: \(small) steps; 8,000 lines: \(large) steps")
    }
}
