import Foundation
import LabKit
import Testing

@testable import lab

/// `lab check --format github`, read as the Actions runner reads it: a group per exercise, an
/// annotation per failure, time-out, error, regression and skipped exercise, at the checklist
/// item or the learner's file, and not one command more, whatever the lab and its steps print.
@Suite struct GitHubReportTests {
    @Test func theSampleRunMatchesItsGoldenFile() throws {
        try Golden.expect(GitHubReport.render(SampleCheck.result()), matches: "check.github.txt")
    }

    @Test func theHostileRunMatchesItsGoldenFile() throws {
        try Golden.expect(GitHubReport.render(SampleCheck.hostileResult()), matches: "check-escaping.github.txt")
    }

    @Test func oneGroupPerExerciseThenTheAnnotations() {
        let commands = ActionsRunner.commands(in: GitHubReport.render(SampleCheck.result()))
        let ids = SampleCheck.result().results.map(\.id)
        #expect(commands.prefix(ids.count * 2).map(\.name) == Array(repeating: ["group", "endgroup"], count: ids.count).flatMap { $0 })
        let groups = commands.filter { $0.name == "group" }.map(\.data)
        #expect(groups.count == ids.count && zip(groups, ids).allSatisfy { $0.contains(" \($1) — ") }, "\(groups)")
        #expect(groups[2] == "FAILED failing — Fails # sometimes <&> (0.13s)")
        let annotations = commands.dropFirst(ids.count * 2)
        #expect(annotations.map(\.name) == ["error", "error", "error", "warning"])
        #expect(annotations.map { $0.properties["title"] ?? "" } == [
            "failing failed (a regression: its item is ticked)", "slow timed out", "broken could not run", "cloud skipped",
        ])
        // At the checklist item when the run found it.
        let failing = annotations.first!
        #expect(failing.properties["file"] == "docs/phases/phase-01.md" && failing.properties["line"] == "8")
        #expect(failing.data.hasPrefix("Fails # sometimes <&>\nstep 2 of 3: grep -q 'a<b' \"notes & more.md\"\nexit 1 (expected 0)\n"))
    }

    @Test func withStrictASkippedExerciseIsAnError() {
        var report = SampleCheck.result()
        report.strict = true
        let annotations = ActionsRunner.commands(in: GitHubReport.render(report)).filter { $0.name == "error" || $0.name == "warning" }
        #expect(annotations.map(\.name) == ["error", "error", "error", "error"])
        #expect(annotations.last?.properties["title"] == "cloud skipped (--strict)")
        #expect(annotations.last?.data == "Needs terraform\nrequires terraform (not on PATH)")
        #expect(GitHubReport.render(report).contains("1 skipped (--strict fails the run: terraform not on PATH)"))
    }

    /// The hostile run: every value survives the escaping and comes back whole; every other line
    /// is text.
    @Test func nothingAStepPrintsBecomesACommand() {
        let report = SampleCheck.hostileResult()
        let log = GitHubReport.render(report)
        let commands = ActionsRunner.commands(in: log)
        #expect(commands.map(\.name) == ["group", "endgroup", "group", "endgroup", "group", "endgroup", "error", "error", "warning", "warning"])
        let hostile = commands[6]
        #expect(hostile.properties == ["file": "docs/phases/phase 01, a:b.md", "line": "3", "title": "hostile failed"])
        #expect(hostile.data.hasPrefix("Title " + SampleCheck.hostile + "\nstep 1 of 1: printf '"))
        // A file step's failure points at the learner's file.
        #expect(commands[7].properties == ["file": "notes.md", "title": "noted failed"])
        #expect(commands[8].properties["title"] == "skipper skipped")
        #expect(commands[9].data == "a warning " + SampleCheck.hostile)
        // Group titles carry the exercise's title whole, line breaks and all.
        #expect(commands[0].data.hasSuffix("hostile — Title " + SampleCheck.hostile + " (0.50s)"))
        // Every other line is text; the forged commands are still there to read.
        let text = ActionsRunner.lines(log).filter { ActionsRunner.command($0) == nil }
        #expect(text.allSatisfy { !ActionsRunner.isCommand($0) })
        #expect(text.contains { $0.replacingOccurrences(of: "\u{200B}", with: "").contains("::error file=lab.yml::forged") })
    }
}
