import ArgumentParser
import LabKit
import LabSpec

/// `lab validate`: the diagnostics, located and with their source lines, and a summary line.
struct ValidationPrinter {
    let terminal: Terminal

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    func print(_ report: ValidationReport, format: Format) {
        switch format {
        case .json:
            terminal.out(JSONOutput.string(ValidationJSON(report: report)))
            return
        case .github:
            terminal.commands(Self.annotations(report.diagnostics))
            if !terminal.quiet || report.errorCount > 0 { terminal.err(Self.summary(report)) }
            return
        case .text:
            break
        }
        var printer = DiagnosticPrinter(terminal: terminal)
        for source in report.sources { printer.sources[source.path] = source }
        printer.print(report.diagnostics)
        if !terminal.quiet || report.errorCount > 0 {
            terminal.err(Self.summary(report))
        }
    }

    /// `--format github`: each diagnostic as an annotation at its file, line and column, its notes
    /// and suggestion in the message.
    static func annotations(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics {
            let position = diagnostic.location.map { location in
                FilePosition(path: location.file, line: location.mark?.line, column: location.mark?.column)
            }
            var message = diagnostic.fullMessage
            for note in diagnostic.notes {
                let place = note.location.map { location in
                    location.file + (location.mark.map { ":\($0.line):\($0.column)" } ?? "") + ": "
                } ?? ""
                message += "\n" + place + "note: " + note.message
            }
            let severity = diagnostic.severity == .note ? "notice" : diagnostic.severity.rawValue
            out += WorkflowCommand.annotation(severity, at: position, title: "lab validate", message: message).line
        }
        return out
    }

    /// `lab.yml: 2 errors, 1 warning` or `lab.yml: valid (4 phases, 34 exercises, 3 scaffolds)`.
    static func summary(_ report: ValidationReport) -> String {
        if report.errorCount == 0 && report.warningCount == 0 {
            return "\(report.labFile): valid (\(TextTable.count(report.phaseCount, "phase")), "
                + "\(TextTable.count(report.exerciseCount, "exercise")), \(TextTable.count(report.scaffoldCount, "scaffold")))"
        }
        return summary(errors: report.errorCount, warnings: report.warningCount, file: report.labFile)
    }

    /// `lab.yml: 2 errors, 1 warning`.
    static func summary(errors: Int, warnings: Int, file: String = "lab.yml") -> String {
        var parts: [String] = []
        if errors > 0 { parts.append(TextTable.count(errors, "error")) }
        if warnings > 0 { parts.append(TextTable.count(warnings, "warning")) }
        return "\(file): " + parts.joined(separator: ", ")
    }
}
