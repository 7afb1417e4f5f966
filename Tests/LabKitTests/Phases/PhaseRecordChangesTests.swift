import Foundation
import LabSpec
import Testing

@testable import LabKit

@Suite struct PhaseRecordChangesTests {
    /// `lab.yml` in a scratch folder, opened as the command line opens it.
    func project(_ text: String) throws -> (LabProject, URL) {
        let root = FileManager.default.temporaryDirectory.appending(path: "lab-phase-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let file = root.appending(path: "lab.yml")
        try Data(text.utf8).write(to: file)
        return (try LabProject.open(labFile: file, workingDirectory: root), root)
    }

    @Test(arguments: [
        // The inserted line starts with the next line's indentation.
        ("lab: L\nphases:\n  - id: 1\n    title: One\n    exercises: []\n", 5),
        // At the end of a file without a final newline.
        ("lab: L\nphases:\n  - id: 1\n    title: One", 5),
        ("lab: L\r\nphases:\r\n  - id: 1\r\n    title: One\r\n    scope: [a]\r\n", 5),
    ])
    func anInsertedStatusIsShownAsTheNewLine(_ text: String, _ line: Int) throws {
        let (project, root) = try project(text)
        defer { try? FileManager.default.removeItem(at: root) }
        let change = try #require(try PhaseRecordChanges.statusEdit(.inProgress, phase: 1, project: project))
        #expect(change.line == line)
        #expect(change.before == "")
        #expect(change.after == "    status: in-progress")
    }

    @Test func aReplacedStatusShowsBothLines() throws {
        let (project, root) = try project("lab: L\nphases:\n  - id: 1\n    title: One\n    status: pending # not yet\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let change = try #require(try PhaseRecordChanges.statusEdit(.done, phase: 1, project: project))
        #expect(change.line == 5)
        #expect(change.before == "    status: pending # not yet")
        #expect(change.after == "    status: done # not yet")
    }
}
