import LabKit

/// What `lab new` says: the file it wrote, the record it superseded, the template's warnings.
struct NewPrinter {
    let terminal: Terminal

    func print(_ result: NewWorkflow.Result) {
        var printer = DiagnosticPrinter(terminal: terminal)
        for source in result.sources { printer.sources[source.path] = source }
        printer.print(result.warnings)
        terminal.out("created " + terminal.style(result.created, .bold))
        if let superseded = result.superseded {
            terminal.out("marked \(superseded) superseded")
        }
    }
}
