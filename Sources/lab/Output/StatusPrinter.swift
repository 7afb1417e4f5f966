import LabKit

/// `lab status`: each phase with its progress (a bar on a terminal), then what to do next.
struct StatusPrinter {
    let terminal: Terminal

    func print(_ report: StatusReport, json: Bool) {
        for warning in report.warnings { terminal.warning(warning) }
        if json {
            terminal.out(JSONOutput.string(StatusJSON(report)))
            return
        }
        terminal.out(terminal.style(report.lab, .bold))
        terminal.out("")
        let titleWidth = min(44, report.phases.map(\.title.count).max() ?? 0)
        for phase in report.phases {
            var line = "  " + terminal.style("Phase \(phase.id)", .bold) + "  " + TextTable.pad(TextTable.truncate(phase.title, titleWidth), titleWidth)
            let status: String
            switch phase.status {
            case .inProgress: status = terminal.style(TextTable.pad("in progress", 11), .yellow)
            case .done: status = terminal.style(TextTable.pad("done", 11), .green)
            case .pending: status = terminal.style(TextTable.pad("pending", 11), .dim)
            }
            line += "  " + status
            if !phase.documentExists && phase.status == .pending {
                // Not started: no document, so no checklist yet; say what the phase holds.
                line += "  " + terminal.style(phase.exercises == 1 ? "1 exercise" : "\(phase.exercises) exercises", .dim)
            } else {
                if terminal.stdoutIsTTY {
                    line += "  " + bar(done: phase.done, total: phase.total)
                }
                line += "  \(phase.done)/\(phase.total)"
            }
            terminal.out(line)
        }
        terminal.out("")
        if let next = report.next {
            terminal.out("Next: " + terminal.style(next.exercise.id, .bold) + " — \(next.exercise.title) (phase \(next.phase))")
            terminal.out("  lab hint \(next.exercise.id)" + (next.exercise.isManual ? "      then: lab mark \(next.exercise.id)" : "      then: lab check \(next.exercise.id)"))
        } else if let phase = report.phaseToStart {
            terminal.out("No phase is in progress: start with " + terminal.style("lab phase start \(phase)", .bold))
        } else if report.phases.contains(where: { $0.status == .inProgress }) {
            let current = report.phases.first { $0.status == .inProgress }
            terminal.out("Every exercise of the phases in progress is ticked: finish with " + terminal.style("lab phase finish \(current?.id ?? 1)", .bold))
        } else {
            terminal.out("Every phase is done.")
        }
        if report.reviewsDue > 0 {
            terminal.out("")
            terminal.out(terminal.style("\(report.reviewsDue) review\(report.reviewsDue == 1 ? "" : "s") due", .yellow) + ": lab review re-checks what passed before")
        }
    }

    private func bar(done: Int, total: Int, width: Int = 20) -> String {
        let filled = total == 0 ? 0 : Int((Double(done) / Double(total) * Double(width)).rounded())
        return terminal.style(String(repeating: "█", count: filled), .green) + terminal.style(String(repeating: "░", count: width - filled), .dim)
    }
}
