import Foundation
import Testing

/// `lab new adr|note` in a temporary lab: numbering, slugs, collisions, superseding, templates.
@Suite struct NewTests {
    static let labFile = """
        lab: Notes Lab
        phases:
          - id: 1
            title: Foundations
            status: in-progress
            exercises:
              - id: first-adr
                title: Write a first decision record

        """
    static let now = ["LAB_NOW": "2026-12-05T09:00:00Z", "TZ": "UTC"]

    func makeLab(_ labFile: String = NewTests.labFile) throws -> TemporaryLab {
        try TemporaryLab(files: ["lab.yml": labFile])
    }

    @Test func anADRIsNumberedFromOneWithTheMADRSections() throws {
        let lab = try makeLab()
        let result = try lab.lab("new", "adr", "Use PostgreSQL for state", environment: Self.now)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "created docs/decisions/0001-use-postgresql-for-state.md\n")
        let record = try #require(lab.read("docs/decisions/0001-use-postgresql-for-state.md"))
        #expect(result.stderr.isEmpty, "no warning about the template's optional section: \(result.stderr)")
        #expect(record.hasPrefix("---\ndate: 2026-12-05\n---\n\n# Use PostgreSQL for state\n\n## Status\n\naccepted\n"))
        for section in ["## Context and Problem Statement", "## Decision Drivers", "## Considered Options", "## Decision Outcome", "### Consequences"] {
            #expect(record.contains(section), "\(section)")
        }
    }

    @Test func numbersFollowTheHighestAndNeverCollide() throws {
        let lab = try makeLab()
        try lab.write("docs/decisions/0001-a.md", "---\nstatus: accepted\n---\n")
        try lab.write("docs/decisions/0004-b.md", "---\nstatus: accepted\n---\n")
        try lab.write("docs/decisions/README.md", "records\n")
        let result = try lab.lab("new", "adr", "Next one", environment: Self.now)
        #expect(result.stdout == "created docs/decisions/0005-next-one.md\n", "\(result)")
    }

    @Test func concurrentRunsTakeDistinctNumbers() async throws {
        let lab = try makeLab()
        try await withThrowingTaskGroup(of: LabProcess.Result.self) { group in
            for index in 0..<4 {
                group.addTask { try lab.lab("new", "adr", "Decision \(index)") }
            }
            for try await result in group { #expect(result.status == 0, "\(result)") }
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: lab.url("docs/decisions").path).sorted()
        #expect(names.map { String($0.prefix(5)) } == ["0001-", "0002-", "0003-", "0004-"], "\(names)")
    }

    @Test func supersedingChangesOnlyTheOldStatus() throws {
        let lab = try makeLab()
        let old = "---\r\nstatus: accepted\r\ndate: 2026-11-01\r\n---\r\n\r\n# Use NFS\r\n\r\nKeep  these   bytes.\r\n"
        try lab.write("docs/decisions/0003-use-nfs.md", old)
        let result = try lab.lab("new", "adr", "Use object storage", "--supersedes", "3", environment: Self.now)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "created docs/decisions/0004-use-object-storage.md\nmarked docs/decisions/0003-use-nfs.md superseded\n")
        #expect(lab.read("docs/decisions/0003-use-nfs.md") == old.replacingOccurrences(
            of: "status: accepted", with: "status: superseded by [ADR 0004](0004-use-object-storage.md)"))
        #expect(lab.read("docs/decisions/0004-use-object-storage.md")?.contains("This decision supersedes [ADR 0003](0003-use-nfs.md).") == true)

        // A record already superseded is not superseded again: the chain would lose a link.
        let again = try lab.lab("new", "adr", "Use a database", "--supersedes", "3")
        #expect(again.status == 1 && again.stderr.contains("0003-use-nfs.md is already superseded by [ADR 0004]"), "\(again)")
        #expect(!lab.exists("docs/decisions/0005-use-a-database.md"))

        // Two records of one number (two branches merged): which one is meant is not guessed.
        try lab.write("docs/decisions/0004-use-s3.md", "---\nstatus: accepted\n---\n")
        let ambiguous = try lab.lab("new", "adr", "Use a database", "--supersedes", "4")
        #expect(ambiguous.status == 1 && ambiguous.stderr.contains(
            "2 decision records are numbered 0004: docs/decisions/0004-use-object-storage.md, docs/decisions/0004-use-s3.md"), "\(ambiguous)")

        let missing = try lab.lab("new", "adr", "Again", "--supersedes", "9")
        #expect(missing.status == 1 && missing.stderr == "lab: error: no decision record 0009 in docs/decisions/ to supersede\n", "\(missing)")
        #expect(!lab.exists("docs/decisions/0005-again.md") && !lab.exists("docs/decisions/0005-use-a-database.md"))
    }

    @Test func aRecordWithoutStatusIsNotSuperseded() throws {
        let lab = try makeLab()
        try lab.write("docs/decisions/0001-a.md", "# A\n\nNo status.\n")
        let before = lab.snapshot()
        let result = try lab.lab("new", "adr", "B", "--supersedes", "1")
        #expect(result.status == 1 && result.stderr.contains("docs/decisions/0001-a.md has no status to mark superseded"), "\(result)")
        #expect(lab.snapshot().filter { !$0.key.hasPrefix(".lab/") } == before)
    }

    @Test func aNoteIsNamedAfterItsTopicAndNeverOverwritten() throws {
        let lab = try makeLab()
        let result = try lab.lab("new", "note", "DNS resolution", environment: Self.now)
        #expect(result.status == 0 && result.stdout == "created docs/notes/dns-resolution.md\n", "\(result)")
        let note = try #require(lab.read("docs/notes/dns-resolution.md"))
        #expect(note.hasPrefix("# DNS resolution\n\n_2026-12-05_\n"))
        for section in ["## What", "## Why", "## How it fails", "## How I'd notice", "## Sources"] { #expect(note.contains(section)) }

        try lab.write("docs/notes/dns-resolution.md", "mine\n")
        let again = try lab.lab("new", "note", "dns RESOLUTION!")
        #expect(again.status == 1 && again.stderr == "lab: error: docs/notes/dns-resolution.md already exists: edit it, or choose another topic\n", "\(again)")
        #expect(lab.read("docs/notes/dns-resolution.md") == "mine\n")
    }

    /// A note that an exercise's note step checks starts with that step's sections (and Sources
    /// when it asks for links), so the learner fills in what will be checked.
    @Test func aNoteAnExerciseChecksHasItsSections() throws {
        let lab = try makeLab(Self.labFile + """
                  - id: dns
                    title: Explain DNS
                    verify:
                      - note: docs/notes/dns.md
                        sections: [How a resolver caches, What fails]
                        links: 1

            """)
        #expect(try lab.lab("new", "note", "DNS", environment: Self.now).status == 0)
        let note = try #require(lab.read("docs/notes/dns.md"))
        #expect(note == "# DNS\n\n_2026-12-05_\n\n## How a resolver caches\n\n## What fails\n\n## Sources\n\n", "\(note)")
        #expect(try lab.lab("new", "note", "Other topic").status == 0)
        #expect(lab.read("docs/notes/other-topic.md")?.contains("## How I'd notice") == true)
    }

    @Test(arguments: ["!!!", "日本語", "   "])
    func aTitleThatSlugsToNothingIsAnError(_ title: String) throws {
        let lab = try makeLab()
        let result = try lab.lab("new", "adr", title)
        #expect(result.status == 1 && result.stderr.contains("has no Latin letter or digit to name the file after"), "\(result)")
        #expect(!lab.exists("docs/decisions"))
    }

    @Test func aControlCharacterIsNamedByItsCodePoint() throws {
        let lab = try makeLab()
        let result = try lab.lab("new", "adr", "Two\nlines")
        #expect(result.status == 1 && result.stderr.contains("a control character (U+000A)"), "\(result)")
    }

    @Test func outsideALabIsTheUsualError() throws {
        let folder = try TemporaryLab()
        let result = try folder.lab("new", "note", "Anything")
        #expect(result.status == 1 && result.stderr.hasPrefix("lab: error: no lab.yml in "), "\(result)")
    }

    @Test func theLabsOwnTemplatesOverrideTheBuiltInOnes() throws {
        let lab = try makeLab(Self.labFile + "templates:\n  adr: docs/templates/adr.md\n  note: docs/templates/note.md\n")
        try lab.write("docs/templates/adr.md", "# ADR {{number}}: {{title}} ({{status}}, {{date}})\n")
        try lab.write("docs/templates/note.md", "# {{title}} in {{lab}}\n")
        #expect(try lab.lab("new", "adr", "Pick a cloud", environment: Self.now).status == 0)
        #expect(lab.read("docs/decisions/0001-pick-a-cloud.md") == "# ADR 0001: Pick a cloud (accepted, 2026-12-05)\n")
        #expect(try lab.lab("new", "note", "IAM").status == 0)
        #expect(lab.read("docs/notes/iam.md") == "# IAM in Notes Lab\n")
    }

    @Test func templateKeysAreValidated() throws {
        let lab = try makeLab(Self.labFile + "templates:\n  adrs: docs/templates/adr.md\n  note: /etc/passwd\n")
        let result = try lab.lab("validate")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("lab.yml:10:3: error: unknown key 'adrs' in 'templates' (did you mean 'adr'?)"), "\(result)")
        #expect(result.stderr.contains("lab.yml:11:9: error: 'note' in 'templates' must be a path inside the lab, found '/etc/passwd'"), "\(result)")
    }

    /// What `lab new` would refuse, `lab validate` reports first: a template file that is not
    /// there, one linked out of the lab, one that does not parse, one naming a missing partial.
    @Test func validateReadsTheTemplatesLabNewWouldUse() throws {
        let lab = try makeLab(Self.labFile + "templates:\n  adr: docs/templates/adr.md\n  note: docs/templates/note.md\n")
        try lab.write("docs/templates/note.md", "# {{title}\n")
        var result = try lab.lab("validate")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("lab.yml:10:8: error: templates.adr: "), "\(result)")
        #expect(result.stderr.contains("docs/templates/adr.md") && result.stderr.contains("no such file"), "\(result)")
        #expect(result.stderr.contains("docs/templates/note.md:1:"), "the syntax error is located in the template: \(result)")

        try lab.write("docs/templates/adr.md", "# {{title}}\n{{> other}}\n")
        try lab.write("docs/templates/note.md", "# {{title}}\n")
        result = try lab.lab("validate")
        #expect(result.status == 2 && result.stderr.contains("other"), "\(result)")

        try lab.write("docs/templates/adr.md", "# {{title}} ({{status}})\n")
        try FileManager.default.removeItem(at: lab.url("docs/templates/note.md"))
        try FileManager.default.createSymbolicLink(atPath: lab.url("docs/templates/note.md").path, withDestinationPath: "/etc/hostname")
        result = try lab.lab("validate")
        #expect(result.status == 2 && result.stderr.contains("templates.note: "), "\(result)")

        try FileManager.default.removeItem(at: lab.url("docs/templates/note.md"))
        try lab.write("docs/templates/note.md", "# {{title}} in {{lab}}\n")
        result = try lab.lab("validate")
        #expect(result.status == 0, "\(result)")
    }

    @Test func aTemplateLinkedOutOfTheLabIsRefused() throws {
        let lab = try makeLab(Self.labFile + "templates: { note: docs/templates/note.md }\n")
        let outside = try TemporaryLab(files: ["note.md": "# stolen {{title}}\n"])
        try FileManager.default.createDirectory(at: lab.url("docs/templates"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: lab.url("docs/templates/note.md").path, withDestinationPath: outside.url("note.md").path)
        let result = try lab.lab("new", "note", "X")
        #expect(result.status == 1 && result.stderr.contains("outside the lab"), "\(result)")
        #expect(!lab.exists("docs/notes/x.md"))
    }

    @Test func aNotesFolderLinkedOutOfTheLabIsRefused() throws {
        let lab = try makeLab()
        let outside = try TemporaryLab()
        try FileManager.default.createDirectory(at: lab.url("docs"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: lab.url("docs/notes").path, withDestinationPath: outside.root.path)
        let result = try lab.lab("new", "note", "X")
        #expect(result.status == 1 && result.stderr.contains("outside the lab"), "\(result)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.root.path).isEmpty)
    }
}
