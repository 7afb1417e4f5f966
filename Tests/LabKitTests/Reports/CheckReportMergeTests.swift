import Foundation
import LabKit
import Testing

/// `lab merge-reports`: the shards' reports as the report of one run — each result once, in the
/// lab's order, the ticks in that order, the run from the first start to the last end.
@Suite struct CheckReportMergeTests {
    static let start = Date(timeIntervalSince1970: 1_795_705_445)

    static func result(_ id: String, phase: Int, _ status: CheckStatus, ticked line: Int? = nil) -> ExerciseResult {
        var result = ExerciseResult(id: id, phase: phase, title: id.uppercased(), status: status, duration: 1)
        if let line {
            result.ticked = true
            result.item = FilePosition(path: "docs/phases/phase-0\(phase).md", line: line)
        }
        result.regression = status == .failed
        return result
    }

    static func report(_ results: [ExerciseResult], startingAfter seconds: Double, lasting duration: Double) -> CheckResult {
        var report = CheckResult(lab: "Lab", started: start.addingTimeInterval(seconds), duration: duration, results: results)
        report.ticked = results.filter(\.ticked).compactMap { $0.item?.description }
        report.regressions = results.filter(\.regression).map(\.id)
        return report
    }

    @Test func resultsInLabOrderTicksAndRegressionsWithThem() throws {
        let a = Self.report([Self.result("b", phase: 1, .passed, ticked: 6), Self.result("d", phase: 2, .failed)], startingAfter: 0, lasting: 5)
        let b = Self.report([Self.result("a", phase: 1, .passed, ticked: 5), Self.result("c", phase: 2, .passed, ticked: 9)], startingAfter: 2, lasting: 10)
        let merged = try CheckReportMerge.merge([("r1.json", a), ("r2.json", b)], order: ["a", "b", "c", "d"])
        #expect(merged.results.map(\.id) == ["a", "b", "c", "d"])
        #expect(merged.ticked == ["docs/phases/phase-01.md:5", "docs/phases/phase-01.md:6", "docs/phases/phase-02.md:9"])
        #expect(merged.tickedDocuments.map(\.path) == ["docs/phases/phase-01.md", "docs/phases/phase-02.md"])
        #expect(merged.tickedDocuments.map(\.count) == [2, 1])
        #expect(merged.regressions == ["d"])
        #expect(merged.started == Self.start)
        #expect(abs(merged.duration - 12) < 1e-9)
        #expect(merged.summary.passed == 3 && merged.summary.failed == 1)
    }

    @Test func withoutTheLabResultsGoByPhaseThenAsListed() throws {
        let a = Self.report([Self.result("z", phase: 2, .passed), Self.result("y", phase: 1, .skipped)], startingAfter: 0, lasting: 1)
        let b = Self.report([Self.result("x", phase: 1, .passed)], startingAfter: 0, lasting: 1)
        #expect(try CheckReportMerge.merge([("a", a), ("b", b)], order: nil).results.map(\.id) == ["y", "x", "z"])
    }

    @Test func strictOrInterruptedInOneShardIsSoForTheRun() throws {
        var a = Self.report([Self.result("a", phase: 1, .skipped)], startingAfter: 0, lasting: 1)
        a.strict = true
        var b = Self.report([Self.result("b", phase: 1, .passed)], startingAfter: 0, lasting: 1)
        b.interrupted = true
        let merged = try CheckReportMerge.merge([("a", a), ("b", b)], order: nil)
        #expect(merged.strict && merged.interrupted && merged.failsRun)
    }

    @Test func aWarningOfSeveralShardsComesOnce() throws {
        var a = Self.report([Self.result("a", phase: 1, .passed)], startingAfter: 0, lasting: 1)
        a.warnings = ["'docs/phases/phase-01.md' does not exist", "only in a"]
        var b = Self.report([Self.result("b", phase: 1, .passed)], startingAfter: 0, lasting: 1)
        b.warnings = ["'docs/phases/phase-01.md' does not exist"]
        #expect(try CheckReportMerge.merge([("a", a), ("b", b)], order: nil).warnings == ["'docs/phases/phase-01.md' does not exist", "only in a"])
    }

    @Test func anExerciseInTwoReportsIsRefused() {
        let a = Self.report([Self.result("a", phase: 1, .passed)], startingAfter: 0, lasting: 1)
        #expect(throws: LabError.self) { try CheckReportMerge.merge([("r1.json", a), ("r2.json", a)], order: nil) }
        do {
            _ = try CheckReportMerge.merge([("r1.json", a), ("r2.json", a)], order: nil)
        } catch {
            #expect(error.description == "'a' is in both 'r1.json' and 'r2.json': give each shard's report once")
        }
    }

    @Test func reportsOfTwoLabsAreRefused() {
        let a = Self.report([Self.result("a", phase: 1, .passed)], startingAfter: 0, lasting: 1)
        var b = Self.report([Self.result("b", phase: 1, .passed)], startingAfter: 0, lasting: 1)
        b.lab = "Other"
        #expect(throws: LabError.self) { try CheckReportMerge.merge([("a", a), ("b", b)], order: nil) }
        #expect(throws: LabError.self) { try CheckReportMerge.merge([], order: nil) }
    }
}
