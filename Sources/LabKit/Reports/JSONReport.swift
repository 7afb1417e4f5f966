import Foundation

/// `lab check --format json`: the documented keys, snake_case, in a stable order.
public enum JSONReport {
    public static func render(_ report: CheckReport) -> String {
        let summary = report.summary
        let value = JSONValue.object([
            ("lab", .string(report.lab)),
            ("started", .string(ISO8601.string(report.started))),
            ("duration", .number(round3(report.duration))),
            ("interrupted", .bool(report.interrupted)),
            ("summary", .object([
                ("total", .integer(summary.total)),
                ("passed", .integer(summary.passed)),
                ("up_to_date", .integer(summary.upToDate)),
                ("failed", .integer(summary.failed)),
                ("timed_out", .integer(summary.timedOut)),
                ("errors", .integer(summary.errors)),
                ("skipped", .integer(summary.skipped)),
                ("manual", .integer(summary.manual)),
                ("ticked", .array(report.ticked.map(JSONValue.string))),
                ("regressions", .array(report.regressions.map(JSONValue.string))),
            ])),
            ("results", .array(report.results.map(result))),
        ])
        return value.rendered() + "\n"
    }

    static func result(_ result: ExerciseResult) -> JSONValue {
        .object([
            ("id", .string(result.id)),
            ("phase", .integer(result.phase)),
            ("title", .string(result.title)),
            ("status", .string(result.status.rawValue)),
            ("duration", .number(round3(result.duration))),
            ("ticked", .bool(result.ticked)),
            ("regression", .bool(result.regression)),
            ("reason", .optional(result.reason)),
            ("steps", .array(result.steps.map(step))),
        ])
    }

    static func step(_ step: StepReport) -> JSONValue {
        .object([
            ("kind", .string(step.kind.rawValue)),
            ("command", .string(step.command)),
            ("exit", .optional(step.exit)),
            ("signal", .optional(step.signal)),
            ("duration", .number(round3(step.duration))),
            ("attempts", .integer(step.attempts)),
            ("stdout", .string(step.stdout)),
            ("stderr", .string(step.stderr)),
            ("message", .optional(step.message)),
        ])
    }

    static func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
