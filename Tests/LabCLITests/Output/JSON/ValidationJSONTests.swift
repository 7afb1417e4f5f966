import Foundation
import LabSpec
import Testing

@testable import LabKit
@testable import lab

/// `lab validate --json`, read back: validity and counts, each diagnostic with its location, its
/// suggestion and its notes, nulls present where a place or a suggestion is missing.
@Suite struct ValidationJSONTests {
    static let diagnostics: [Diagnostic] = [
        .error(
            "unknown key 'verfy' in exercise 'dns-basics'",
            at: .init(file: "lab.yml", mark: Mark(line: 14, column: 9, offset: 200)), suggestion: "verify"),
        .warning(
            "two items carry the marker 'lab:a'; only the first is ticked",
            at: .init(file: "docs/phases/phase-01.md", mark: Mark(line: 9, column: 1, offset: 80)),
            notes: [
                .init("the first is here", at: .init(file: "docs/phases/phase-01.md", mark: Mark(line: 4, column: 1, offset: 30))),
                .init("a note without a place"),
            ]),
        .warning("'docs/phases/phase-02.md' is not valid UTF-8", at: .init(file: "docs/phases/phase-02.md", mark: nil)),
        Diagnostic(.error, "no place at all", at: nil),
    ]

    static func json(_ diagnostics: [Diagnostic]) throws -> [String: Any] {
        let report = ValidationReport(
            diagnostics: diagnostics, sources: [], labFile: "lab.yml", phaseCount: 1, exerciseCount: 1, scaffoldCount: 0)
        return try JSONTree.object(JSONOutput.string(ValidationJSON(report: report)))
    }

    @Test func validityAndCounts() throws {
        let json = try Self.json(Self.diagnostics)
        #expect(Set(json.keys) == ["valid", "errors", "warnings", "diagnostics"])
        #expect(json["valid"] as? Bool == false)
        #expect(json["errors"] as? Int == 2)
        #expect(json["warnings"] as? Int == 2)
        let clean = try Self.json([Self.diagnostics[1]])
        #expect(clean["valid"] as? Bool == true, "warnings alone leave a lab valid")
        #expect(clean["errors"] as? Int == 0 && clean["warnings"] as? Int == 1)
        let empty = try Self.json([])
        #expect(empty["valid"] as? Bool == true)
        #expect((empty["diagnostics"] as? [Any])?.isEmpty == true)
    }

    @Test func eachDiagnostic() throws {
        let diagnostics = try #require(try Self.json(Self.diagnostics)["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 4)
        for diagnostic in diagnostics {
            #expect(Set(diagnostic.keys) == ["severity", "file", "line", "column", "message", "suggestion", "notes"])
        }
        let first = diagnostics[0]
        #expect(first["severity"] as? String == "error")
        #expect(first["file"] as? String == "lab.yml")
        #expect(first["line"] as? Int == 14)
        #expect(first["column"] as? Int == 9)
        #expect(first["message"] as? String == "unknown key 'verfy' in exercise 'dns-basics'")
        #expect(first["suggestion"] as? String == "verify")
        #expect((first["notes"] as? [Any])?.isEmpty == true)
        #expect(JSONTree.allKeys(diagnostics).allSatisfy(JSONTree.isSnakeCase))
    }

    @Test func notesAndMissingPlacesAreNull() throws {
        let diagnostics = try #require(try Self.json(Self.diagnostics)["diagnostics"] as? [[String: Any]])
        let withNotes = diagnostics[1]
        #expect(withNotes["severity"] as? String == "warning")
        #expect(JSONTree.isNull(withNotes["suggestion"]))
        let notes = try #require(withNotes["notes"] as? [[String: Any]])
        #expect(notes.count == 2)
        for note in notes { #expect(Set(note.keys) == ["message", "file", "line", "column"]) }
        #expect(notes[0]["message"] as? String == "the first is here")
        #expect(notes[0]["file"] as? String == "docs/phases/phase-01.md")
        #expect(notes[0]["line"] as? Int == 4 && notes[0]["column"] as? Int == 1)
        #expect(JSONTree.isNull(notes[1]["file"]) && JSONTree.isNull(notes[1]["line"]) && JSONTree.isNull(notes[1]["column"]))
        // A whole-file diagnostic has a file but no line or column; one with no place, none of them.
        let wholeFile = diagnostics[2]
        #expect(wholeFile["file"] as? String == "docs/phases/phase-02.md")
        #expect(JSONTree.isNull(wholeFile["line"]) && JSONTree.isNull(wholeFile["column"]))
        let nowhere = diagnostics[3]
        #expect(JSONTree.isNull(nowhere["file"]) && JSONTree.isNull(nowhere["line"]) && JSONTree.isNull(nowhere["column"]))
    }
}
