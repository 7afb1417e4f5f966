import LabKit

/// `lab validate`: the diagnostics, located and with their source lines, and a summary line.
struct ValidationPrinter {
    let terminal: Terminal

    func print(_ report: ValidationReport, json: Bool) {
        if json {
            terminal.out(JSONOutput.string(ValidationJSON(report: report)))
            return
        }
        var printer = DiagnosticPrinter(terminal: terminal)
        for source in report.sources { printer.sources[source.path] = source }
        printer.print(report.diagnostics)
        if !terminal.quiet || report.errorCount > 0 {
            terminal.err(Self.summary(report))
        }
    }

    /// `lab.yml: 2 errors, 1 warning` or `lab.yml: valid (4 phases, 34 exercises, 3 scaffolds)`.
    static func summary(_ report: ValidationReport) -> String {
        if report.errorCount == 0 && report.warningCount == 0 {
            return "\(report.labFile): valid (\(TextTable.count(report.phaseCount, "phase")), "
                + "\(TextTable.count(report.exerciseCount, "exercise")), \(TextTable.count(report.scaffoldCount, "scaffold")))"
        }
        var parts: [String] = []
        if report.errorCount > 0 { parts.append(TextTable.count(report.errorCount, "error")) }
        if report.warningCount > 0 { parts.append(TextTable.count(report.warningCount, "warning")) }
        return "\(report.labFile): " + parts.joined(separator: ", ")
    }
}
