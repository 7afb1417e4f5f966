import LabKit

/// `lab check --format github`, for a GitHub Actions log: each exercise's output in a collapsed
/// group as it finishes; then an annotation for each failure, time-out, error and regression
/// (an `::error` at the exercise's checklist item, or at the learner's file a `file` step looked
/// at) and each skipped exercise (a `::warning`, an `::error` with `--strict`); then the ticks and
/// the summary line. Nothing a step printed can act as a workflow command (see `WorkflowCommand`).
enum GitHubReport {
    /// The whole run at once, as `lab check --format github` prints it piece by piece.
    static func render(_ report: CheckResult) -> String {
        report.results.map(group).joined() + conclusion(report)
    }

    /// One exercise: a group titled with its result, holding its steps or its failure.
    static func group(_ result: ExerciseResult) -> String {
        var title = "\(heading(result.status)) \(result.id) — \(result.title)"
        switch result.status {
        case .passed, .failed, .timedOut: title += " (\(FixedDecimal.seconds(result.duration)))"
        case .upToDate, .skipped, .manual, .error, .notRun: break
        }
        return WorkflowCommand.group(title) + WorkflowCommand.logLines(details(result).joined(separator: "\n")) + WorkflowCommand.endGroup
    }

    /// The annotations, warnings and errors of the run, the ticks and the summary line.
    static func conclusion(_ report: CheckResult, warnings: [String] = [], errors: [String] = []) -> String {
        var out = ""
        for result in report.results {
            if let annotation = annotation(result, strict: report.strict) { out += annotation.line }
        }
        for warning in report.warnings + warnings {
            out += WorkflowCommand.annotation("warning", at: nil, title: "lab", message: warning).line
        }
        for error in errors {
            out += WorkflowCommand.annotation("error", at: nil, title: "lab", message: error).line
        }
        var lines: [String] = []
        for (result, place) in zip(report.results.filter(\.ticked), report.ticked) {
            lines.append("ticked \(result.id) (\(place))")
        }
        lines.append(CheckPrinter.summaryLine(report))
        return out + WorkflowCommand.logLines(lines.joined(separator: "\n"))
    }

    /// The annotation for one result: failures and regressions as errors, skipped exercises as
    /// warnings (errors with `--strict`); nothing for the others.
    static func annotation(_ result: ExerciseResult, strict: Bool) -> WorkflowCommand? {
        switch result.status {
        case .failed, .timedOut, .error:
            var title = "\(result.id) \(result.status == .error ? "could not run" : result.status.label)"
            if result.regression { title += " (a regression: its item is ticked)" }
            var place = result.item
            var message = result.reason ?? result.status.label
            if let index = result.failedStep {
                let step = result.steps[index]
                // A file the learner writes is where the fix goes; else the exercise's item.
                if let location = step.location { place = location }
                message = stepLine(step, number: index + 1, of: max(result.stepCount, result.steps.count))
                message += "\n" + (step.message ?? result.status.label)
                let tail = lastLines(step.stderr.isEmpty ? step.stdout : step.stderr, count: 10)
                if !tail.isEmpty { message += "\n" + tail }
            }
            return .annotation("error", at: place, title: title, message: "\(result.title)\n\(message)")
        case .skipped:
            let reason = result.reason ?? "skipped"
            if strict {
                return .annotation("error", at: result.item, title: "\(result.id) skipped (--strict)", message: "\(result.title)\n\(reason)")
            }
            return .annotation("warning", at: result.item, title: "\(result.id) skipped", message: "\(result.title)\n\(reason)")
        case .notRun:
            // Stopped before it finished (Ctrl-C, --fail-fast): worth a look, not a failure.
            return .annotation("warning", at: result.item, title: "\(result.id) not run", message: "\(result.title)\n\(result.reason ?? "not run")")
        case .passed, .upToDate, .manual:
            return nil
        }
    }

    /// What the group holds: the failing step with its output, or each step that passed, or why
    /// nothing ran.
    static func details(_ result: ExerciseResult) -> [String] {
        var lines: [String] = []
        if let index = result.failedStep {
            let step = result.steps[index]
            lines.append(stepLine(step, number: index + 1, of: max(result.stepCount, result.steps.count)))
            let more = WorkflowCommand.lines(step.command).dropFirst()
            lines += more.map { "    " + $0 }
            if let message = step.message { lines.append(message) }
            if step.attempts > 1 { lines.append("after \(step.attempts) attempts") }
            for (name, text, total) in [("stdout", step.stdout, step.stdoutBytes), ("stderr", step.stderr, step.stderrBytes)] where !text.isEmpty {
                lines.append(total > text.utf8.count ? "\(name) (its last \(text.utf8.count) of \(total) bytes):" : "\(name):")
                lines += WorkflowCommand.lines(text).map { "  " + $0 }
            }
            return lines
        }
        if let reason = result.reason { lines.append(reason) }
        if result.status == .upToDate { lines.append("up to date: it passed before, and nothing it depends on has changed") }
        for (index, step) in result.steps.enumerated() {
            let first = WorkflowCommand.lines(step.command).first ?? ""
            lines.append("step \(index + 1): \(first) (\(FixedDecimal.seconds(step.duration)))")
        }
        return lines
    }

    static func heading(_ status: CheckStatus) -> String {
        switch status {
        case .passed: return "passed"
        case .upToDate: return "up to date"
        case .failed: return "FAILED"
        case .timedOut: return "TIMED OUT"
        case .error: return "ERROR"
        case .skipped: return "skipped"
        case .manual: return "manual"
        case .notRun: return "not run"
        }
    }

    private static func stepLine(_ step: StepResult, number: Int, of count: Int) -> String {
        "step \(number) of \(count): " + (WorkflowCommand.lines(step.command).first ?? "")
    }

    private static func lastLines(_ text: String, count: Int) -> String {
        WorkflowCommand.lines(text).suffix(count).joined(separator: "\n")
    }
}
