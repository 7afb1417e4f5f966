import Foundation
import Testing

@testable import LabKit

/// `lab validate`'s workflow: `lab.yml`'s own problems come back as diagnostics, never thrown, with
/// `lab.yml` first among the sources that show their lines.
@Suite struct ValidateWorkflowTests {
    @Test func aBrokenLabFileIsReportedNotThrown() throws {
        let folder = try TemporaryFolder()
        try folder.write("lab.yml", "lab: Broken\nphases:\n  - id: 1\n    titel: One\n")
        try folder.write("docs/notes/x.md")
        // Found from a folder below the lab, the way git finds `.git`.
        let report = try ValidateWorkflow.run(LabLocation(workingDirectory: folder.root.appending(path: "docs/notes")))
        #expect(report.errorCount >= 1)
        #expect(report.diagnostics.contains { $0.message.contains("'titel'") && $0.suggestion == "title" }, "\(report.diagnostics)")
        #expect(report.sources.first?.path == "../../lab.yml")
        #expect(report.diagnostics.first?.location?.file == "../../lab.yml")
    }

    @Test func aValidLabWithItsDocumentHasNoDiagnostics() throws {
        let folder = try TemporaryFolder()
        try folder.write("lab.yml", "lab: Fine\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n    exercises:\n      - id: a\n        title: A\n")
        try folder.write("docs/phases/phase-01.md", "- [ ] A <!-- lab:a -->\n")
        let report = try ValidateWorkflow.run(LabLocation(workingDirectory: folder.root))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.sources.map(\.path) == ["lab.yml", "docs/phases/phase-01.md"])
    }
}
