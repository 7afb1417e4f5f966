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

    /// `lab.yml: 2 errors, 1 warning`.
    static func summary(errors: Int, warnings: Int, file: String = "lab.yml") -> String {
        var parts: [String] = []
        if errors > 0 { parts.append(TextTable.count(errors, "error")) }
        if warnings > 0 { parts.append(TextTable.count(warnings, "warning")) }
        return "\(file): " + parts.joined(separator: ", ")
    }
}
