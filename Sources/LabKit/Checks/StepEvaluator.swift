import LabRuntime
import Foundation
import LabSpec

/// Decides whether a step passed: a `file` step by looking at the file, a `run` step by comparing
/// its outcome with its `expect`.
enum StepEvaluator {
    /// Checks a `file` step in-process: the file exists, is not empty, and contains each string.
    static func evaluateFile(path: String, contains: [String], root: String) -> StepResult {
        let started = ContinuousClock.now
        let full = path.hasPrefix("/") ? path : root + "/" + path
        var report = StepResult(kind: .file, command: Step(action: .file(path: path, contains: contains)).summary, passed: false)
        defer { report.duration = (ContinuousClock.now - started).seconds }
        switch FileSystem.resolvedKind(full) {
        case .missing:
            report.message = "file '\(path)' does not exist"
            return report
        case .directory:
            report.message = "'\(path)' is a folder, not a file"
            return report
        default: break
        }
        // Inside the lab only: an annotation can point at a file of the repository alone.
        if !path.hasPrefix("/") { report.location = FilePosition(path: path) }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(full, displayPath: path, limit: ReadLimits.document)
        } catch {
            report.message = error.description
            return report
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            report.message = "file '\(path)' is empty"
            return report
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let missing = contains.filter { !text.contains($0) }
        if !missing.isEmpty {
            report.message = "file '\(path)' does not contain " + missing.map { "'\($0)'" }.joined(separator: ", ")
            return report
        }
        report.passed = true
        return report
    }

    /// Compares a finished `run` step with its expectation; the message says what differed.
    static func evaluateRun(_ outcome: ProcessOutcome, command: String, expect: Expectation, timeout: Duration) -> StepResult {
        var report = StepResult(
            kind: .run, command: command, duration: outcome.duration.seconds,
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
        do {
            let regex = try Regex(pattern).anchorsMatchLineEndings()
            return text.firstMatch(of: regex) == nil ? "\(stream) does not match /\(pattern)/" : nil
        } catch {
            return "invalid regular expression /\(pattern)/"
        }
    }
}
