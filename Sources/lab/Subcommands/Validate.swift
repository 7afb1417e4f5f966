import ArgumentParser
import Foundation
import LabKit
import LabSpec

extension LabCommand {
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "validate",
            abstract: "Report every problem in lab.yml, its templates and its phase documents.",
            discussion: """
                Problems are printed like compiler errors, each with its file, line and column, the \
                source line and a caret. Exit status 2 when there is an error, 0 otherwise (warnings \
                alone do not fail).

                Examples:
                  lab validate
                  lab validate --json | jq '.diagnostics[].message'
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Flag(help: "Print the diagnostics as JSON on stdout.")
        var json = false

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try await context.run {
                let project = try context.openProject()
                let report = LabValidator.validate(project)
                if json {
                    context.terminal.out(JSONOutput.string(ValidationJSON(report: report)))
                } else {
                    context.printDiagnostics(report.diagnostics, of: project, extraSources: report.sources)
                    if !context.terminal.quiet || report.errorCount > 0 {
                        context.terminal.err(report.summary)
                    }
                }
                if report.errorCount > 0 { throw ExitCode(2) }
            }
        }
    }
}

/// `lab validate --json`: `{ "valid": …, "errors": …, "warnings": …, "diagnostics": [ … ] }`.
struct ValidationJSON: Encodable {
    var valid: Bool
    var errors: Int
    var warnings: Int
    var diagnostics: [DiagnosticJSON]

    init(report: ValidationReport) {
        valid = report.errorCount == 0
        errors = report.errorCount
        warnings = report.warningCount
        diagnostics = report.diagnostics.map(DiagnosticJSON.init)
    }
}

struct DiagnosticJSON: Encodable {
    struct NoteJSON: Encodable {
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
    }

    var severity: String
    var file: String?
    var line: Int?
    var column: Int?
    var message: String
    var suggestion: String?
    var notes: [NoteJSON]

    init(_ diagnostic: Diagnostic) {
        severity = diagnostic.severity.rawValue
        file = diagnostic.location?.file
        line = diagnostic.location?.mark?.line
        column = diagnostic.location?.mark?.column
        message = diagnostic.message
        suggestion = diagnostic.suggestion
        notes = diagnostic.notes.map {
            NoteJSON(message: $0.message, file: $0.location?.file, line: $0.location?.mark?.line, column: $0.location?.mark?.column)
        }
    }

    enum CodingKeys: String, CodingKey { case severity, file, line, column, message, suggestion, notes }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(severity, forKey: .severity)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(message, forKey: .message)
        try container.encode(suggestion, forKey: .suggestion)
        try container.encode(notes, forKey: .notes)
    }
}
