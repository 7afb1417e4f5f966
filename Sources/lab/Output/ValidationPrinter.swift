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

    /// `lab.yml: valid (4 phases, 34 exercises, 3 scaffolds)`, or the problems counted per file
    /// they are in: `lab.yml: 2 errors, 1 warning`, `templates/cloud/main.tf.mustache: 1 error`,
    /// `lab.yml: 1 error; docs/phases/phase-01.md: 2 warnings`.
    static func summary(_ report: ValidationReport) -> String {
        if report.errorCount == 0 && report.warningCount == 0 {
            return "\(report.labFile): valid (\(TextTable.count(report.phaseCount, "phase")), "
                + "\(TextTable.count(report.exerciseCount, "exercise")), \(TextTable.count(report.scaffoldCount, "scaffold")))"
        }
        var files: [(path: String, errors: Int, warnings: Int)] = []
        for diagnostic in report.diagnostics where diagnostic.severity != .note {
            let path = diagnostic.location?.file ?? report.labFile
            let (errors, warnings) = diagnostic.severity == .error ? (1, 0) : (0, 1)
            if let index = files.firstIndex(where: { $0.path == path }) {
                files[index].errors += errors
                files[index].warnings += warnings
            } else {
                files.append((path, errors, warnings))
            }
        }
        return files.map { file in
            var parts: [String] = []
            if file.errors > 0 { parts.append(TextTable.count(file.errors, "error")) }
            if file.warnings > 0 { parts.append(TextTable.count(file.warnings, "warning")) }
            return "\(file.path): " + parts.joined(separator: ", ")
        }.joined(separator: "; ")
    }
}
