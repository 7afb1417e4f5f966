import LabKit

/// `lab mark`: what was ticked or unticked, or why nothing was; returns the exit status.
struct MarkPrinter {
    let terminal: Terminal

    func print(_ result: MarkWorkflow.Result, undo: Bool) -> Int32 {
        switch result {
        case .haveChecks(let exercises):
            let ids = exercises.map(\.id)
            let names = ids.map { "'\($0)'" }.joined(separator: ", ")
            terminal.error(
                "\(names) \(ids.count == 1 ? "has a check" : "have checks"), so nothing was ticked: "
                    + "'lab check \(ids.joined(separator: " "))' ticks \(ids.count == 1 ? "its item" : "their items") when it passes")
            // Said of any such exercise, whether its check has passed before or not.
            terminal.err("to tick \(ids.count == 1 ? "it" : "them") by hand anyway: lab mark --force \(ids.joined(separator: " ")) "
                + "(a later failure of \(ids.count == 1 ? "its check" : "their checks") is a regression only once \(ids.count == 1 ? "it has" : "they have") passed)")
            return ExitStatus.failure
        case .marked(let outcomes):
            for outcome in outcomes {
                let place = "\(outcome.doc):\(outcome.line)"
                if outcome.changed {
                    terminal.out((undo ? "unticked " : "ticked ") + terminal.style(outcome.exercise, .bold) + " (\(place))")
                } else if !terminal.quiet {
                    terminal.out("\(outcome.exercise) was already \(undo ? "unticked" : "ticked") (\(place))")
                }
            }
            return ExitStatus.success
        }
    }
}
