import Foundation
import LabKit
import LabSpec

/// The text view of `lab check`: one block per exercise as it finishes (never interleaved), a
/// progress line redrawn in place on a terminal, then the ticks, regressions and the summary.
final class CheckPrinter: @unchecked Sendable {
    let terminal: Terminal
    let total: Int
    let enabled: Bool
    let live: Bool
    private let lock = NSLock()
    private var finished = 0
    private var running: [Int: String] = [:]
    private var progressShown = false
    private let idWidth: Int

    /// - Parameter enabled: false when a report format owns stdout.
    init(terminal: Terminal, plan: CheckPlan, enabled: Bool) {
        self.terminal = terminal
        self.total = plan.items.count
        self.enabled = enabled
        self.live = enabled && terminal.stdoutIsTTY
        idWidth = min(32, plan.items.map(\.exercise.id.count).max() ?? 0)
    }

    func handle(_ event: CheckRunner.Event) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        var text = ""
        switch event {
        case .started(let index, let id):
            running[index] = id
        case .finished(let index, let result):
            running[index] = nil
            finished += 1
            text = block(result)
        }
        if live {
            var out = progressShown ? "\r\u{1B}[K" : ""
            out += text
            let current = running.sorted { $0.key < $1.key }.map(\.value)
            if finished < total {
                let names = current.prefix(3).joined(separator: ", ") + (current.count > 3 ? " +\(current.count - 3)" : "")
                out += terminal.style("[\(finished)/\(total)]", .bold) + (names.isEmpty ? "" : " running \(names) …")
                progressShown = true
            } else {
                progressShown = false
            }
            terminal.outRaw(out)
        } else if !text.isEmpty {
            terminal.outRaw(text)
        }
    }

    /// Clears the progress line before anything else prints.
    func clearProgress() {
        lock.lock()
        defer { lock.unlock() }
        if progressShown {
            terminal.outRaw("\r\u{1B}[K")
            progressShown = false
        }
    }

    func block(_ result: ExerciseResult) -> String {
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
        }
        var line = label + " " + TextTable.pad(result.id, idWidth)
        switch result.status {
        case .passed, .failed, .timedOut:
            line += "  " + terminal.style(FixedDecimal.seconds(result.duration), .dim)
        case .skipped, .manual, .error:
            if let reason = result.reason { line += "  " + reason }
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

    func failureDetails(_ step: StepReport, number: Int, of count: Int) -> [String] {
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
        if let message = step.message { lines.append("    " + terminal.style(message, .red)) }
        if step.attempts > 1 { lines.append("    (after \(step.attempts) attempts)") }
        lines += tail("stdout", step.stdout, total: step.stdoutBytes)
        lines += tail("stderr", step.stderr, total: step.stderrBytes)
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
}
