import ArgumentParser
import LabKit

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
            terminal.outRaw(Self.annotations(report))
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
    static func annotations(_ report: ValidationReport) -> String {
        var out = ""
        for diagnostic in report.diagnostics {
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
        var parts: [String] = []
        if report.errorCount > 0 { parts.append(TextTable.count(report.errorCount, "error")) }
        if report.warningCount > 0 { parts.append(TextTable.count(report.warningCount, "warning")) }
        return "\(report.labFile): " + parts.joined(separator: ", ")
    }
}
