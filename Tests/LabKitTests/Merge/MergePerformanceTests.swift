import Testing

@testable import LabKit

/// Time bounds, generous enough for a debug build on a busy machine, that catch a quadratic slip.
struct MergePerformanceTests {
    static func bytes(_ lines: [String]) -> [UInt8] {
        Array(lines.map { $0 + "\n" }.joined().utf8)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    @Test func largeFilesWithAFewEditsMergeInMilliseconds() {
        let base = (0..<5_000).map { "let value\($0) = compute(\($0))" }
        var ours = base
        ours[100] = "let value100 = 0"
        ours.insert("// a note", at: 2_000)
        ours.remove(at: 4_000)
        var theirs = base
        theirs[300] = "let value300 = 1"
        theirs.insert("// another note", at: 2_500)
        theirs[4_500] = "let value4500 = nil"

        var outcome = MergeOutcome.clean([])
        let elapsed = ContinuousClock().measure {
            outcome = ThreeWayMerge.merge(base: Self.bytes(base), ours: Self.bytes(ours), theirs: Self.bytes(theirs))
        }
        guard case .clean(let merged) = outcome else {
            Issue.record("expected a clean merge")
            return
        }
        #expect(merged.count > 0)
        #expect(Self.milliseconds(elapsed) < 500, "took \(elapsed)")
    }

    @Test func largeDissimilarFilesStayFast() {
        var random = SplitMix64(seed: 7)
        // Few distinct lines in different orders: every line matches somewhere, the worst case for
        // the search, which must stay near linear rather than quadratic.
        func shuffled() -> [String] { (0..<4_000).map { _ in "line \(Int.random(in: 0..<4, using: &random))" } }
        let base = Self.bytes(shuffled())
        let ours = Self.bytes(shuffled())
        let theirs = Self.bytes(shuffled())
        let unrelated = Self.bytes((0..<4_000).map { "unrelated \($0)" })

        let elapsed = ContinuousClock().measure {
            _ = ThreeWayMerge.merge(base: base, ours: ours, theirs: theirs)
            _ = ThreeWayMerge.merge(base: base, ours: unrelated, theirs: theirs)
            _ = UnifiedDiff.make(old: base, new: ours, oldLabel: "a", newLabel: "b")
        }
        #expect(Self.milliseconds(elapsed) < 5_000, "took \(elapsed)")
    }
}
