import LabKit
import LabSpec

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

        enum CodingKeys: String, CodingKey { case message, file, line, column }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(message, forKey: .message)
            try container.encode(file, forKey: .file)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
        }
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
