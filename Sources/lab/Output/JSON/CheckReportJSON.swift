import Foundation
import LabKit

/// `lab check --format json`: the run, its summary, and each exercise with its steps.
struct CheckReportJSON: Encodable {
    struct Summary: Encodable {
        var total: Int
        var passed: Int
        var upToDate: Int
        var failed: Int
        var timedOut: Int
        var errors: Int
        var skipped: Int
        var manual: Int
        /// Exercises the run stopped before they finished (Ctrl-C, --fail-fast).
        var notRun: Int
        /// Items ticked by the run, as `DOC:LINE`.
        var ticked: [String]
        /// Ids of exercises ticked before whose check now fails.
        var regressions: [String]

        enum CodingKeys: String, CodingKey {
            case total, passed, failed, errors, skipped, manual, ticked, regressions
            case upToDate = "up_to_date"
            case timedOut = "timed_out"
            case notRun = "not_run"
        }
    }

    struct Result: Encodable {
        var id: String
        var phase: Int
        var title: String
        /// passed | failed | timed_out | error | skipped | up_to_date | manual | not_run
        var status: String
        var duration: Double
        var ticked: Bool
        var regression: Bool
        var reason: String?
        /// The checklist item, `DOC:LINE`; null when the run did not find it.
        var item: String?
        /// Programs of `requires` not on PATH, for a skipped exercise.
        var missing: [String]
        /// How many steps the exercise has, run or not.
        var stepCount: Int
        var steps: [Step]

        enum CodingKeys: String, CodingKey {
            case id, phase, title, status, duration, ticked, regression, reason, item, missing, steps
            case stepCount = "step_count"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(phase, forKey: .phase)
            try container.encode(title, forKey: .title)
            try container.encode(status, forKey: .status)
            try container.encode(duration, forKey: .duration)
            try container.encode(ticked, forKey: .ticked)
            try container.encode(regression, forKey: .regression)
            try container.encode(reason, forKey: .reason)
            try container.encode(item, forKey: .item)
            try container.encode(missing, forKey: .missing)
            try container.encode(stepCount, forKey: .stepCount)
            try container.encode(steps, forKey: .steps)
        }
    }

    struct Step: Encodable {
        /// run | file | http | tcp | dns | json | yaml
        var kind: String
        /// A `run` step's command; for the other kinds, what the step looks at, in words.
        var command: String
        /// What the step expects, in words.
        var expect: String
        var exit: Int32?
        var signal: Int32?
        /// The response status of an `http` step.
        var status: Int?
        var duration: Double
        var attempts: Int
        var stdout: String
        var stderr: String
        /// The start of an `http` step's response body.
        var body: String
        var message: String?

        enum CodingKeys: String, CodingKey { case kind, command, expect, exit, signal, status, duration, attempts, stdout, stderr, body, message }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(command, forKey: .command)
            try container.encode(expect, forKey: .expect)
            try container.encode(exit, forKey: .exit)
            try container.encode(signal, forKey: .signal)
            try container.encode(status, forKey: .status)
            try container.encode(duration, forKey: .duration)
            try container.encode(attempts, forKey: .attempts)
            try container.encode(stdout, forKey: .stdout)
            try container.encode(stderr, forKey: .stderr)
            try container.encode(body, forKey: .body)
            try container.encode(message, forKey: .message)
        }
    }

    var lab: String
    /// When the run started, UTC.
    var started: String
    /// Seconds.
    var duration: Double
    var interrupted: Bool
    /// `--strict`: a skipped exercise failed the run.
    var strict: Bool
    var summary: Summary
    var results: [Result]

    init(_ report: CheckResult) {
        let counts = report.summary
        lab = report.lab
        started = report.started.formatted(.iso8601)
        duration = Self.milliseconds(report.duration)
        interrupted = report.interrupted
        strict = report.strict
        summary = Summary(
            total: counts.total, passed: counts.passed, upToDate: counts.upToDate, failed: counts.failed,
            timedOut: counts.timedOut, errors: counts.errors, skipped: counts.skipped, manual: counts.manual, notRun: counts.notRun,
            ticked: report.ticked, regressions: report.regressions)
        results = report.results.map { result in
            Result(
                id: result.id, phase: result.phase, title: result.title, status: result.status.rawValue,
                duration: Self.milliseconds(result.duration), ticked: result.ticked, regression: result.regression,
                reason: result.reason, item: result.item?.description, missing: result.missingPrograms,
                stepCount: max(result.stepCount, result.steps.count),
                steps: result.steps.map { step in
                    Step(
                        kind: step.kind.rawValue, command: step.command, expect: step.expectation, exit: step.exit, signal: step.signal,
                        status: step.status, duration: Self.milliseconds(step.duration), attempts: step.attempts, stdout: step.stdout,
                        stderr: step.stderr, body: step.body, message: step.message)
                })
        }
    }

    /// Seconds rounded to the millisecond.
    static func milliseconds(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

    static func render(_ report: CheckResult) -> String {
        JSONOutput.string(CheckReportJSON(report)) + "\n"
    }
}
