import Foundation
import LabKit

/// A `lab check` result with one exercise of every status, across three phases, holding the
/// characters reports must escape: `<&"`, terminal colour codes, NUL, CR, DEL, a C1 control,
/// U+FFFE, and a `#` that would start a TAP directive.
enum SampleCheck {
    /// 2026-11-26T15:04:05Z.
    static let started = Date(timeIntervalSince1970: 1_795_705_445)

    static let coloured = "\u{1B}[31mred\u{1B}[0m <b> & \"q\"\n"
    static let controls = "nul\u{0} cr\r\nbell\u{7} del\u{7F} c1\u{85} nonchar\u{FFFE} tab\tend"

    static let passingStep = StepResult(kind: .run, command: "true", exit: 0, duration: 0.0104, passed: true)
    static let failingStep = StepResult(
        kind: .run, command: "grep -q 'a<b' \"notes & more.md\"", exit: 1, duration: 0.123456, stdout: coloured,
        stderr: controls, passed: false, message: "exit 1 (expected 0)")
    static let timedOutStep = StepResult(
        kind: .run, command: "sleep 100", signal: 15, duration: 10.0004, passed: false,
        message: "timed out after 10s", timedOut: true)

    static func result(interrupted: Bool = false) -> CheckResult {
        var failed = ExerciseResult(
            id: "failing", phase: 1, title: "Fails # sometimes <&>", status: .failed, duration: 0.1339,
            steps: [passingStep, failingStep])
        failed.stepCount = 3
        failed.regression = true
        var passed = ExerciseResult(id: "passing", phase: 1, title: "Passes", status: .passed, duration: 0.0104, steps: [passingStep])
        passed.stepCount = 1
        passed.ticked = true
        passed.item = FilePosition(path: "docs/phases/phase-01.md", line: 7)
        failed.item = FilePosition(path: "docs/phases/phase-01.md", line: 8)
        var skipped = ExerciseResult(id: "cloud", phase: 2, title: "Needs terraform", status: .skipped, reason: "requires terraform (not on PATH)")
        skipped.missingPrograms = ["terraform"]
        var report = CheckResult(lab: "Lab <&> \"quoted\"", started: started, duration: 12.34567)
        report.results = [
            passed,
            ExerciseResult(id: "unchanged", phase: 1, title: "Up to date", status: .upToDate, duration: 0),
            failed,
            ExerciseResult(id: "slow", phase: 2, title: "Times out", status: .timedOut, duration: 10.0004, steps: [timedOutStep]),
            ExerciseResult(id: "broken", phase: 2, title: "Cannot start", status: .error, reason: "shell '/bin/nope' not found"),
            skipped,
            ExerciseResult(id: "essay", phase: 3, title: "Write an essay", status: .manual),
        ]
        report.ticked = ["docs/phases/phase-01.md:7"]
        report.regressions = ["failing"]
        report.interrupted = interrupted
        return report
    }

    /// What a cloned lab and its steps could print to break a report or act in a CI log: workflow
    /// commands of both forms, `%` escapes, every kind of line break, Markdown table and HTML
    /// syntax, a code fence and the end of a `<details>` block.
    static let hostile = "50% %0A ::error::x | <b>bold</b> `tick` ``` </details> ##[warning]y\r::add-mask::z\r\n  ::set-env name=A::b\n[link](http://x) *em* _u_ $math$ #h ~s~ \\ !"

    static func hostileResult() -> CheckResult {
        let step = StepResult(
            kind: .run, command: "printf '\(hostile)'", exit: 2, duration: 0.5, stdout: hostile + "\n",
            stderr: "::error file=lab.yml::forged\n", passed: false, message: "exit 2 (expected 0) \(hostile)")
        var failed = ExerciseResult(id: "hostile", phase: 1, title: "Title " + hostile, status: .failed, duration: 0.5, steps: [step])
        failed.stepCount = 1
        failed.item = FilePosition(path: "docs/phases/phase 01, a:b.md", line: 3)
        var fileStep = StepResult(kind: .file, command: "file notes.md contains '::'", passed: false, message: "file 'notes.md' does not contain '::'")
        fileStep.location = FilePosition(path: "notes.md")
        var noted = ExerciseResult(id: "noted", phase: 1, title: "Notes", status: .failed, duration: 0.001, steps: [fileStep])
        noted.stepCount = 2
        noted.item = FilePosition(path: "docs/phases/phase-01.md", line: 4)
        var skipped = ExerciseResult(id: "skipper", phase: 2, title: "Skips", status: .skipped, reason: "requires " + hostile + " (not on PATH)")
        skipped.missingPrograms = [hostile]
        var report = CheckResult(lab: "Lab " + hostile, started: started, duration: 1.5)
        report.results = [failed, noted, skipped]
        report.warnings = ["a warning " + hostile]
        return report
    }
}
