import LabKit

/// `lab init`: what was created and added to, or why nothing was written; returns the exit status.
struct InitPrinter {
    let terminal: Terminal

    func print(_ result: InitWorkflow.Result, directory: String?) -> Int32 {
        switch result {
        case .inTheWay(let paths):
            terminal.error("these files already exist, so nothing was written:")
            for path in paths { terminal.err("  \(path)") }
            return ExitStatus.failure
        case .alreadyALab:
            terminal.error("'\(directory ?? ".")' is already a lab (it has a lab.yml), so nothing was written; 'lab status' shows where it stands")
            return ExitStatus.failure
        case .insideLab(let labFile):
            terminal.error(
                "'\(directory ?? ".")' is inside the lab of \(labFile); a lab inside a lab would hide it from every "
                    + "lab command run below. Create the lab elsewhere, or use --force to nest it anyway")
            return ExitStatus.failure
        case .created(let plan):
            if !terminal.quiet {
                for file in plan.files { terminal.out("created \(file.path)") }
            }
            for addition in plan.additions {
                switch addition.kind {
                case .phaseTable(let markersAdded):
                    terminal.out("added the phase table to \(addition.path)" + (markersAdded
                        ? " (a \"Phases\" section at its end, between \(ReadmeTable.startMarker) and \(ReadmeTable.endMarker); move it where you like)"
                        : " (between its markers)"))
                    // A README of lab's own shows the pictures; one that was already there does not.
                    if plan.files.contains(where: { $0.path == PictureSet.progress }) {
                        terminal.out("  the pictures are in assets/; to show them in \(addition.path), add ![progress](\(PictureSet.progress)) (more: lab pictures --help)")
                    }
                case .ignoredPaths(let count):
                    terminal.out("added \(TextTable.count(count, "line")) to \(addition.path) (what lab keeps out of git)")
                case .attributes(let count):
                    terminal.out("added \(TextTable.count(count, "line")) to \(addition.path) (the journal merges line by line across branches; merge bases keep their line endings)")
                }
            }
            terminal.out(terminal.style("\(plan.name) is ready", .bold, .green) + (directory.map { " in \($0)" } ?? " here"))
            terminal.out("next: " + (directory.map { "cd \($0) && " } ?? "") + "lab status")
            return ExitStatus.success
        }
    }
}
