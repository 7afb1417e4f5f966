import LabKit

/// `lab pictures`: what happened to each picture, or would with `--dry-run`.
struct PicturesPrinter {
    let terminal: Terminal

    func print(_ result: PicturesWorkflow.Result, dryRun: Bool) {
        for warning in result.warnings { terminal.warning(warning) }
        let verb = dryRun ? "would " : ""
        var changed = 0
        for outcome in result.outcomes {
            switch outcome.action {
            case .created:
                changed += 1
                terminal.out("\(verb)\(dryRun ? "create" : "created") \(outcome.path)")
            case .redrawn:
                changed += 1
                terminal.out("\(verb)\(dryRun ? "redraw" : "redrew") \(outcome.path)")
            case .unchanged, .absent:
                if terminal.verbose { terminal.out("\(outcome.path) is up to date") }
            }
        }
        if changed == 0 {
            terminal.out("every picture is up to date")
        } else if dryRun {
            terminal.out(terminal.style("dry run: nothing was written", .dim))
        }
    }
}
