import LabKit

/// `lab doctor`: one block per program — found or missing, path, version, who needs it, how to
/// install it — then a line that sums up.
struct DoctorPrinter {
    let terminal: Terminal

    func print(_ report: DoctorReport, json: Bool) {
        if json {
            terminal.out(JSONOutput.string(DoctorJSON(report)))
            return
        }
        terminal.out(terminal.style("Programs for \(report.lab)", .bold))
        terminal.out("")
        let width = report.programs.map(\.name.count).max() ?? 0
        for program in report.programs {
            if terminal.quiet && program.found { continue }
            let label = program.found
                ? terminal.style(TextTable.pad("found", 8), .green)
                : terminal.style(TextTable.pad("missing", 8), program.neededNow ? .red : .yellow, .bold)
            var line = "  " + label + " " + TextTable.pad(program.name, width)
            if let path = program.path {
                line += "  " + path
                switch program.version {
                case .known(let version): line += "  " + terminal.style(version, .dim)
                case .unknown: line += "  " + terminal.style("version unknown", .dim)
                case .notAsked: line += "  " + terminal.style("version not asked (inside the lab)", .dim)
                }
            }
            terminal.out(line)
            let indent = "  " + String(repeating: " ", count: 9)
            if program.isShell {
                terminal.out(indent + "runs every step (defaults.shell)")
            } else if !program.neededBy.isEmpty {
                terminal.out(indent + "needed by " + program.neededBy.joined(separator: ", ") + (program.neededNow ? " (a phase in progress)" : ""))
            }
            if !program.found {
                let commands = program.install.commands
                if !commands.isEmpty {
                    terminal.out(indent + "install: " + commands.joined(separator: " · "))
                } else if program.isShell && program.name.contains("/") {
                    // A path (defaults.shell): install: takes program names only.
                    terminal.out(indent + "install: no hint known; set defaults.shell in lab.yml to a shell this machine has")
                } else if program.name.contains("/") {
                    // A path, from the lab's root when relative: a file to write, not a package.
                    terminal.out(indent + "\(program.name) must be an executable file (from the lab's root when the path is relative)")
                } else {
                    terminal.out(indent + "install: no hint known; add one to lab.yml (install: { \(program.name): \"…\" })")
                }
            }
        }
        let found = report.programs.filter(\.found).count
        let missing = report.programs.count - found
        var summary = "\(report.programs.count) program\(report.programs.count == 1 ? "" : "s"): \(found) found"
        if missing > 0 { summary += ", \(missing) missing" }
        let now = report.missingNow.count
        if now > 0 { summary += " (\(now) needed by a phase in progress)" }
        terminal.out("")
        terminal.out(summary)
    }
}
