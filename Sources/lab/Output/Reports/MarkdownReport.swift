import LabKit

/// `lab check --format markdown`, a job summary (`--output "$GITHUB_STEP_SUMMARY"`): the summary
/// line, then per phase a table of exercise, result and duration, each failure's step and output
/// in a `<details>` block under it, then the ticks and regressions. Everything from the lab or a
/// step is escaped (see `MarkdownText`).
enum MarkdownReport {
    static func render(_ report: CheckResult, phaseTitles: [Int: String]) -> String {
        var out = "## lab check: \(MarkdownText.inline(report.lab))\n\n"
        out += "**\(MarkdownText.inline(CheckPrinter.summaryLine(report)))**\n"
        var phases: [Int] = []
        var byPhase: [Int: [ExerciseResult]] = [:]
        for result in report.results {
            if byPhase[result.phase] == nil { phases.append(result.phase) }
            byPhase[result.phase, default: []].append(result)
        }
        for phase in phases {
            let results = byPhase[phase] ?? []
            let title = phaseTitles[phase].map { "Phase \(phase): \($0)" } ?? "Phase \(phase)"
            out += "\n### \(MarkdownText.inline(title))\n\n"
            out += "| Exercise | Result | Duration |\n|---|---|---:|\n"
            for result in results {
                out += "| `\(result.id)` \(MarkdownText.inline(result.title)) | \(cell(result, strict: report.strict)) | \(duration(result)) |\n"
            }
            for result in results where result.failedStep != nil && result.status.isFailure {
                out += "\n" + details(result)
            }
        }
        let ticked = zip(report.results.filter(\.ticked), report.ticked).map { "`\($0.id)` (\(MarkdownText.inline($1)))" }
        if !ticked.isEmpty { out += "\nTicked: " + ticked.joined(separator: ", ") + "\n" }
        for result in report.results where result.regression {
            out += "\n**Regression:** `\(result.id)` is ticked but its check now fails (left ticked)\n"
        }
        for warning in report.warnings { out += "\n> [!WARNING]\n> \(MarkdownText.inline(warning))\n" }
        return out
    }

    /// The result column: a symbol, the result, and why for those that did not run.
    static func cell(_ result: ExerciseResult, strict: Bool) -> String {
        let reason = result.reason.map { ": " + MarkdownText.inline($0) } ?? ""
        switch result.status {
        case .passed: return "✅ passed"
        case .upToDate: return "✅ up to date"
        case .failed: return "❌ failed" + (result.regression ? " (regression)" : "")
        case .timedOut: return "⏱️ timed out" + (result.regression ? " (regression)" : "")
        case .error: return "💥 error" + reason
        case .skipped: return (strict ? "❌ skipped (--strict)" : "⏭️ skipped") + reason
        case .manual: return "✋ manual"
        case .notRun: return "⏹️ not run" + reason
        }
    }

    static func duration(_ result: ExerciseResult) -> String {
        switch result.status {
        case .passed, .failed, .timedOut: return FixedDecimal.seconds(result.duration)
        case .upToDate, .error, .skipped, .manual, .notRun: return ""
        }
    }

    /// A failure: the step, its command, what went wrong and the output tails, folded.
    static func details(_ result: ExerciseResult) -> String {
        guard let index = result.failedStep else { return "" }
        let step = result.steps[index]
        let count = max(result.stepCount, result.steps.count)
        let summary = "\(result.id) \(result.status.label): step \(index + 1) of \(count): \(step.message ?? result.status.label)"
        var out = "<details><summary>\(MarkdownText.html(summary))</summary>\n\n"
        out += "Step \(index + 1) of \(count)" + (step.kind == .run ? ", run by the shell:" : ":") + "\n\n"
        out += MarkdownText.codeBlock(step.command, info: step.kind == .run ? "sh" : "")
        if let message = step.message { out += "\n" + MarkdownText.inline(message) + "\n" }
        if step.attempts > 1 { out += "\n(after \(step.attempts) attempts)\n" }
        for (name, text, total) in [("stdout", step.stdout, step.stdoutBytes), ("stderr", step.stderr, step.stderrBytes)] where !text.isEmpty {
            out += "\n" + (total > text.utf8.count ? "\(name) (its last \(text.utf8.count) of \(total) bytes):" : "\(name):") + "\n\n"
            out += MarkdownText.codeBlock(text, info: "text")
        }
        return out + "\n</details>\n"
    }
}
