import Foundation
import LabKit
import LabSpec
import Synchronization

/// The views of `lab check`: one block per exercise as it finishes (never interleaved), a progress
/// line redrawn in place on a terminal, then the ticks, regressions and the summary; or the report
/// on stdout when a machine-readable format owns it.
final class CheckPrinter: Sendable {
    /// Which report goes to stdout instead of the text view, if any.
    enum StdoutReport: Sendable {
        case text
        /// Workflow commands for a GitHub Actions log (`GitHubReport`), printed as the run goes.
        case github
        case report(@Sendable (CheckResult, Lab) -> String)

        var isGitHub: Bool {
            if case .github = self { return true }
            return false
        }
    }

    private struct Progress {
        var total = 0
        var finished = 0
        var running: [Int: String] = [:]
        var shown = false
        var idWidth = 0
    }

    let terminal: Terminal
    let stdout: StdoutReport
    private let progress = Mutex(Progress())

    init(terminal: Terminal, stdout: StdoutReport) {
        self.terminal = terminal
        self.stdout = stdout
    }

    private var textOnStdout: Bool {
        if case .text = stdout { return true }
        return false
    }

    private var live: Bool { textOnStdout && terminal.stdoutRedraws }

    func handle(_ event: CheckWorkflow.Event) {
        if stdout.isGitHub {
            handleForGitHub(event)
            return
        }
        switch event {
        case .warning(let message):
            terminal.warning(message)
        case .runStarted(let plan):
            progress.withLock {
                $0 = Progress(total: plan.items.count, idWidth: min(32, plan.items.map(\.exercise.id.count).max() ?? 0))
            }
        case .exerciseStarted(let index, let id):
            update { $0.running[index] = id; return "" }
        case .exerciseFinished(let index, let result):
            update { progress in
                progress.running[index] = nil
                progress.finished += 1
                return block(result, idWidth: progress.idWidth)
            }
        case .runFinished(let report, let lab, let errors):
            clearProgress()
            finish(report, lab: lab, errors: errors)
        case .watching(let files):
            terminal.out(terminal.style("watching \(TextTable.count(files, "file")); Ctrl-C to stop", .dim))
        case .changed(let paths):
            terminal.out("")
            terminal.out(terminal.style("changed: " + paths.prefix(3).joined(separator: ", ") + (paths.count > 3 ? " …" : ""), .dim))
        case .labInvalid(let diagnostics, let sources):
            var printer = DiagnosticPrinter(terminal: terminal)
            for source in sources { printer.sources[source.path] = source }
            printer.print(diagnostics)
        }
    }

    /// `--format github`: each exercise's group as it finishes, the annotations and the summary at
    /// the end; warnings and the diagnostics of a lab.yml broken while watching as annotations.
    private func handleForGitHub(_ event: CheckWorkflow.Event) {
        switch event {
        case .warning(let message):
            terminal.commands(WorkflowCommand.annotation("warning", at: nil, title: "lab", message: message).line)
        case .exerciseFinished(_, let result):
            terminal.commands(GitHubReport.group(result))
        case .runFinished(let report, _, let errors):
            terminal.commands(GitHubReport.conclusion(report, errors: errors))
        case .watching(let files):
            terminal.commands(WorkflowCommand.logLines("watching \(files) files; Ctrl-C to stop"))
        case .changed(let paths):
            terminal.commands(WorkflowCommand.logLines("changed: " + paths.prefix(3).joined(separator: ", ") + (paths.count > 3 ? " …" : "")))
        case .labInvalid(let diagnostics, _):
            terminal.commands(ValidationPrinter.annotations(diagnostics))
            terminal.err(ValidationPrinter.summary(
                errors: diagnostics.count { $0.severity == .error }, warnings: diagnostics.count { $0.severity == .warning }))
        case .runStarted, .exerciseStarted:
            break
        }
    }

    /// Applies `change` to the progress and prints the block it returns, with the progress line
    /// redrawn under it on a terminal.
    private func update(_ change: (inout Progress) -> String) {
        guard textOnStdout else { return }
        progress.withLock { progress in
            let text = change(&progress)
            if live {
                var out = progress.shown ? Terminal.eraseLine : ""
                out += text
                let current = progress.running.sorted { $0.key < $1.key }.map(\.value)
                if progress.finished < progress.total {
                    let names = current.prefix(3).joined(separator: ", ") + (current.count > 3 ? " +\(current.count - 3)" : "")
                    out += terminal.style("[\(progress.finished)/\(progress.total)]", .bold) + (names.isEmpty ? "" : " running \(names) …")
                    progress.shown = true
                } else {
                    progress.shown = false
                }
                terminal.outRaw(out)
            } else if !text.isEmpty {
                terminal.outRaw(text)
            }
        }
    }

    /// Clears the progress line before anything else prints.
    private func clearProgress() {
        progress.withLock { progress in
            if progress.shown {
                terminal.outRaw(Terminal.eraseLine)
                progress.shown = false
            }
        }
    }

    private func finish(_ report: CheckResult, lab: Lab, errors: [String]) {
        for warning in report.warnings { terminal.warning(warning) }
        switch stdout {
        case .text:
            printConclusion(report)
        case .report(let render):
            terminal.outRaw(render(report, lab))
        case .github:
            break
        }
        for error in errors { terminal.error(error) }
    }

    /// The regressions, the ticks and the summary line of the text view.
    private func printConclusion(_ report: CheckResult) {
        for result in report.results where result.regression {
            terminal.out(terminal.style("regression:", .red, .bold) + " \(result.id) is ticked but its check now fails (left ticked)")
        }
        if !terminal.quiet {
            for (result, place) in zip(report.results.filter(\.ticked), report.ticked) {
                terminal.out(terminal.style("ticked", .green) + " \(result.id) (\(place))")
            }
        }
        let line = Self.summaryLine(report)
        terminal.out(report.failsRun ? terminal.style(line, .bold) : terminal.style(line, .bold, .green))
    }

    /// A finished run's text view at once, as `lab merge-reports` shows the reports it merged.
    func printText(_ report: CheckResult) {
        let width = min(32, report.results.map(\.id.count).max() ?? 0)
        for result in report.results { terminal.outRaw(block(result, idWidth: width)) }
        for warning in report.warnings { terminal.warning(warning) }
        printConclusion(report)
    }

    /// `12 checks: 9 passed (3 up to date), 1 failed, 2 skipped · ticked 2 items in docs/phases/phase-01.md · 0.84s`
    static func summaryLine(_ report: CheckResult) -> String {
        let counts = report.summary
        var parts = ["\(counts.passed) passed" + (counts.upToDate > 0 ? " (\(counts.upToDate) up to date)" : "")]
        if counts.failed > 0 { parts.append("\(counts.failed) failed") }
        if counts.timedOut > 0 { parts.append("\(counts.timedOut) timed out") }
        if counts.errors > 0 { parts.append(TextTable.count(counts.errors, "error")) }
        if counts.skipped > 0 { parts.append("\(counts.skipped) skipped") }
        if report.strict && counts.skipped > 0 {
            let missing = report.missingPrograms
            parts[parts.count - 1] += " (--strict fails the run" + (missing.isEmpty ? "" : ": " + missing.joined(separator: ", ") + " not on PATH") + ")"
        }
        if counts.manual > 0 { parts.append("\(counts.manual) manual") }
        if counts.notRun > 0 { parts.append("\(counts.notRun) not run") }
        var line = "\(TextTable.count(counts.total, "check")): " + parts.joined(separator: ", ")
        if !report.tickedDocuments.isEmpty {
            line += " · ticked " + report.tickedDocuments.map { "\(TextTable.count($0.count, "item")) in \($0.path)" }.joined(separator: ", ")
        }
        if !report.regressions.isEmpty { line += " · \(TextTable.count(report.regressions.count, "regression"))" }
        line += " · " + FixedDecimal.seconds(report.duration)
        let running = report.stoppedWhileRunning
        if report.interrupted {
            line += " · interrupted" + (running.isEmpty ? "" : " while running " + running.joined(separator: ", "))
        } else if !running.isEmpty {
            line += " · --fail-fast stopped " + running.joined(separator: ", ")
        }
        return line
    }

    func block(_ result: ExerciseResult, idWidth: Int) -> String {
        if terminal.quiet && !result.status.isFailure { return "" }
        let label: String
        switch result.status {
        case .passed: label = terminal.style(TextTable.pad("passed", 10), .green)
        case .upToDate: label = terminal.style(TextTable.pad("up to date", 10), .green, .dim)
        case .failed: label = terminal.style(TextTable.pad("FAILED", 10), .red, .bold)
        case .timedOut: label = terminal.style(TextTable.pad("TIMED OUT", 10), .red, .bold)
        case .error: label = terminal.style(TextTable.pad("ERROR", 10), .red, .bold)
        case .skipped: label = terminal.style(TextTable.pad("skipped", 10), .yellow)
        case .manual: label = terminal.style(TextTable.pad("manual", 10), .dim)
        case .notRun: label = terminal.style(TextTable.pad("not run", 10), .yellow)
        }
        var line = label + " " + TextTable.pad(result.id, idWidth)
        switch result.status {
        case .passed, .failed, .timedOut:
            line += "  " + terminal.style(FixedDecimal.seconds(result.duration), .dim)
        case .skipped, .manual, .error, .notRun:
            if let reason = result.reason {
                line += "  " + reason
            }
        case .upToDate:
            break
        }
        while line.last == " " { line.removeLast() }
        var lines = [line]
        if let index = result.failedStep, result.status != .error {
            lines += failureDetails(result.steps[index], number: index + 1, of: max(result.stepCount, result.steps.count))
        }
        if terminal.verbose && result.status.isSuccess {
            for (index, step) in result.steps.enumerated() {
                lines.append("    step \(index + 1): \(step.command.split(separator: "\n").first.map(String.init) ?? "") " + terminal.style(FixedDecimal.seconds(step.duration), .dim))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func failureDetails(_ step: StepResult, number: Int, of count: Int) -> [String] {
        var lines: [String] = []
        let commandLines = step.command.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.append("    step \(number) of \(count): " + terminal.style(commandLines.first ?? "", .bold))
        // A long script is summed up; `lab hint ID` and `-v` show it whole.
        let extra = commandLines.dropFirst().filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let shownExtra = terminal.verbose ? extra.count : min(extra.count, extra.count > 3 ? 2 : 3)
        for line in extra.prefix(shownExtra) { lines.append("        " + line) }
        if shownExtra < extra.count {
            lines.append("        " + terminal.style("… \(extra.count - shownExtra) more lines (-v shows them)", .dim))
        }
        if step.kind != .run, !step.expectation.isEmpty { lines.append("    expected: " + step.expectation) }
        if let message = step.message { lines.append("    " + terminal.style(message, .red)) }
        if step.attempts > 1 && step.kind == .run { lines.append("    (after \(step.attempts) attempts)") }
        lines += tail("stdout", step.stdout, total: step.stdoutBytes)
        lines += tail("stderr", step.stderr, total: step.stderrBytes)
        lines += tail("body", step.body, total: step.body.utf8.count)
        return lines
    }

    private func tail(_ name: String, _ text: String, total: Int) -> [String] {
        guard !text.isEmpty else { return [] }
        var all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if all.last == "" { all.removeLast() }
        let limit = terminal.verbose ? all.count : 20
        let shown = all.suffix(limit)
        var header = "    \(name)"
        if shown.count < all.count || total > text.utf8.count {
            header += " (last \(shown.count) lines)"
        }
        return [terminal.style(header + ":", .dim)] + shown.map { "      " + terminal.style("│", .dim) + " " + $0 }
    }

    /// `--dry-run`: what each exercise would do.
    func printPlan(_ plan: CheckPlan, lab: Lab) {
        for item in plan.items {
            let exercise = item.exercise
            switch item.decision {
            case .manual: terminal.out("manual      \(exercise.id)  (not run; tick it with 'lab mark \(exercise.id)')")
            case .skip(let reason): terminal.out("skip        \(exercise.id)  \(reason)")
            case .upToDate: terminal.out("up to date  \(exercise.id)")
            case .run:
                terminal.out("run         \(exercise.id)")
                for (index, step) in exercise.verify.enumerated() {
                    let timeout = step.timeout ?? exercise.timeout ?? lab.defaults.timeout
                    switch step.kind {
                    case .run:
                        let command = StepWording.subject(step)
                        terminal.out("    \(index + 1). \(lab.defaults.shell) -c \(command.split(separator: "\n").joined(separator: "\n          "))  (timeout \(DurationText.format(timeout)))")
                    case .http, .tcp, .dns:
                        terminal.out("    \(index + 1). \(StepWording.sentence(step))  (timeout \(DurationText.format(timeout)))")
                    case .file, .json, .yaml, .note:
                        terminal.out("    \(index + 1). \(StepWording.sentence(step))")
                    case .quiz:
                        terminal.out("    \(index + 1). \(StepWording.sentence(step)), answered with lab quiz \(exercise.id)")
                    }
                }
            }
        }
        terminal.out("\(plan.items.count) exercise\(plan.items.count == 1 ? "" : "s"); nothing was run (--dry-run)")
    }
}
