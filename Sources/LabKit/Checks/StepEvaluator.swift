import LabRuntime
import Foundation
import LabSpec

/// Decides whether a `run` step passed, by comparing its outcome with its `expect`.
enum StepEvaluator {
    /// Compares a finished `run` step with its expectation; the message says what differed.
    static func evaluateRun(_ outcome: ProcessOutcome, step: Step, command: String, expect: Expectation, timeout: Duration) -> StepResult {
        var report = StepResult(
            kind: .run, command: command, expectation: StepWording.expectation(step), duration: outcome.duration.seconds,
            stdout: outcome.stdout.text, stderr: outcome.stderr.text,
            stdoutBytes: outcome.stdout.totalBytes, stderrBytes: outcome.stderr.totalBytes,
            passed: false, timedOut: outcome.timedOut)
        switch outcome.termination {
        case .exited(let code): report.exit = code
        case .signaled(let number): report.signal = number
        }
        if outcome.cancelled {
            report.message = "cancelled"
            return report
        }
        if outcome.timedOut {
            report.message = "timed out after \(DurationText.format(timeout)); its process group was killed"
            return report
        }
        if let signal = report.signal {
            report.message = "killed by \(ProcessOutcome.Termination.name(ofSignal: signal))"
            return report
        }
        if let code = report.exit, !expect.exit.contains(code) {
            let expected = expect.exit.map(String.init)
            report.message = "exit \(code) (expected \(expected.count == 1 ? expected[0] : expected.dropLast().joined(separator: ", ") + " or " + (expected.last ?? "")))"
            return report
        }
        if let problem = missingText(expect.stdout, in: report.stdout, stream: "stdout", truncated: outcome.stdout.isTruncated)
            ?? missingText(expect.stderr, in: report.stderr, stream: "stderr", truncated: outcome.stderr.isTruncated)
            ?? unmatched(expect.stdoutMatches, in: report.stdout, stream: "stdout")
            ?? unmatched(expect.stderrMatches, in: report.stderr, stream: "stderr")
            ?? JSONFacts.problem(expect.json, in: Array(report.stdout.utf8), source: "stdout", truncated: outcome.stdout.isTruncated)
        {
            report.message = problem
            return report
        }
        report.passed = true
        return report
    }

    private static func missingText(_ wanted: [String], in text: String, stream: String, truncated: Bool) -> String? {
        let missing = wanted.filter { !text.contains($0) }
        guard !missing.isEmpty else { return nil }
        let list = missing.map { "'\($0)'" }.joined(separator: ", ")
        return "\(stream) does not contain \(list)" + (truncated ? " (in its last part; it was cut)" : "")
    }

    private static func unmatched(_ pattern: String?, in text: String, stream: String) -> String? {
        guard let pattern else { return nil }
        switch BoundedMatch.firstMatch(pattern, in: text) {
        case .matched: return nil
        case .unmatched: return "\(stream) does not match /\(pattern)/"
        case .invalid: return "invalid regular expression /\(pattern)/"
        case .givenUp: return "\(stream): /\(pattern)/ " + BoundedMatch.givenUpReason
        }
    }
}
