import Foundation
import Testing

/// The record `lab new adr` writes is the shape the course's own `first-adr` check asks for: filled
/// in, it passes; left as written, it fails.
@Suite struct CourseRecordTests {
    @Test func aFilledInRecordFromLabNewPassesTheCoursesCheck() throws {
        let lab = try TemporaryLab()
        try lab.write("lab.yml", bytes: [UInt8](try Data(contentsOf: Repository.root.appending(path: "lab.yml"))))
        let created = try lab.lab("new", "adr", "Keep notes in Markdown")
        #expect(created.status == 0, "\(created)")
        let path = "docs/decisions/0001-keep-notes-in-markdown.md"
        let unfilled = try lab.lab("check", "first-adr", "--no-mark")
        #expect(unfilled.status == 1, "the template alone is not an answer: \(unfilled)")

        var record = try #require(lab.read(path))
        record = record.replacingOccurrences(of: "Chosen option: \"…\", because …", with: """
            Chosen option: "Markdown in the repository". We will keep every note and record as Markdown \
            files beside the code they explain.
            """)
        record = record.replacingOccurrences(of: "* Good, because …\n* Bad, because …", with: """
            * Good, because notes are versioned with the work, reviewed in the same pull requests, \
            searchable with grep and readable on GitHub without any other tool or account.
            * Bad, because diagrams are harder to draw, there is no full-text search across labs, and \
            links between notes break silently when a file is renamed unless a check catches them.
            """)
        try lab.write(path, record)
        let filled = try lab.lab("check", "first-adr", "--no-mark")
        #expect(filled.status == 0, "\(filled)\n\(record)")
    }
}
