import Foundation
import Testing
@testable import LabKit

/// `note` steps on fixture notes: each requirement passing and failing with its message, and
/// the Markdown read as GitHub reads it (a heading inside a code fence is no heading).
@Suite struct NoteStepTests {
    /// `Tests/Fixtures/notes/`: a finished note and a draft.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures/notes")

    static func fixture(_ name: String) -> String {
        (try? String(contentsOf: folder.appending(path: name), encoding: .utf8)) ?? ""
    }

    static let dns = fixture("dns.md")

    func lab(_ note: String = NoteStepTests.dns) throws -> StepHarness {
        let lab = try StepHarness()
        try lab.write("docs/notes/dns.md", note)
        return lab
    }

    @Test func everyRequirementMetPasses() async throws {
        let lab = try lab()
        let message = try await lab.message("""
            - note: docs/notes/dns.md
              sections: [How a resolver caches, failures, "A STALE CACHE"]
              min_words: 10
              links: 2
              code: console
              no_placeholders: true
            """)
        #expect(message == nil)
    }

    @Test func aMissingSectionIsNamed() async throws {
        let lab = try lab()
        #expect(try await lab.message("- note: docs/notes/dns.md\n  sections: [How a resolver caches, Why it matters]")
            == "docs/notes/dns.md: no section \"Why it matters\" (a heading such as '## Why it matters')")
    }

    /// Code spans are code: their words are not prose, and a `TODO` quoted in one is no
    /// placeholder.
    @Test func inlineCodeIsNotProse() async throws {
        let lab = try lab("## Alpha\n\nrun this one: `getent hosts a b c d`\n\nuse `TODO` markers in drafts\n")
        #expect(try await lab.message("- note: docs/notes/dns.md\n  sections: [Alpha]\n  min_words: 8\n  no_placeholders: true")
            == "docs/notes/dns.md: section \"Alpha\" has 7 words (needs 8)")
    }

    /// A note is read whole and measured at once, so one past 1 MiB is refused, not measured.
    @Test func aNoteLargerThanANoteIsRefused() async throws {
        let lab = try lab("## Alpha\n\n" + String(repeating: "many words of prose here\n", count: 50_000))
        let message = try await lab.message("- note: docs/notes/dns.md\n  sections: [Alpha]")
        #expect(message?.contains("it is larger than 1 MiB") == true, "\(message ?? "passed")")
    }

    @Test func aHeadingInsideACodeFenceIsNoHeading() async throws {
        let lab = try lab()
        #expect(try await lab.message("- note: docs/notes/dns.md\n  sections: [Not a heading]")
            == "docs/notes/dns.md: no section \"Not a heading\" (a heading such as '## Not a heading')")
    }

    @Test func sectionWordsCountProseOnly() throws {
        let note = MarkdownNote(bytes: Array(Self.dns.utf8))
        // The section's prose and its subsection's, without the code block, the link's address or
        // the subsection's heading.
        let caches = try #require(note.section(named: "how a resolver caches"))
        #expect(caches.words == 59 + 14)
        let stale = try #require(note.section(named: "A stale cache"))
        #expect(stale.words == 14)
        // Neither the fenced block, nor the HTML comment, nor the addresses count.
        let failures = try #require(note.section(named: "Failures"))
        #expect(failures.words == 16 + 4)
        #expect(MarkdownNote.words(in: "[RFC 2308](https://www.rfc-editor.org/rfc/rfc2308) - * | ---") == 2)
    }

    @Test func tooFewWordsSaysHowManyAndHowManyAreNeeded() async throws {
        let lab = try lab()
        #expect(try await lab.message("- note: docs/notes/dns.md\n  sections: [A stale cache, Failures]\n  min_words: 15")
            == "docs/notes/dns.md: section \"A stale cache\" has 14 words (needs 15)")
        #expect(try await lab.message("- note: docs/notes/dns.md\n  sections: [How a resolver caches]\n  min_words: 74")
            == "docs/notes/dns.md: section \"How a resolver caches\" has 73 words (needs 74)")
        #expect(try await lab.message("- note: docs/notes/dns.md\n  sections: [How a resolver caches]\n  min_words: 73") == nil)
    }

    @Test func minWordsWithoutSectionsCountsTheWholeNote() async throws {
        let lab = try lab("# Title\n\nOne two three.\n")
        #expect(try await lab.message("- note: docs/notes/dns.md\n  min_words: 4") == "docs/notes/dns.md: the note has 3 words (needs 4)")
        #expect(try await lab.message("- note: docs/notes/dns.md\n  min_words: 3") == nil)
    }

    @Test func linksAreDistinctAddressesOutsideCode() async throws {
        let lab = try lab()
        #expect(try await lab.message("- note: docs/notes/dns.md\n  links: 3") == "docs/notes/dns.md: 2 links to a source (needs 3)")
        let bare = try self.lab("# Note\n\n```\nhttps://example.com/in-code\n```\n")
        #expect(try await bare.message("- note: docs/notes/dns.md\n  links: 1") == "docs/notes/dns.md: no links to a source (needs 1)")
    }

    @Test func aCodeBlockOfTheInfoStringIsRequired() async throws {
        let lab = try lab()
        #expect(try await lab.message("- note: docs/notes/dns.md\n  code: [console, text]") == nil)
        #expect(try await lab.message("- note: docs/notes/dns.md\n  code: hcl")
            == "docs/notes/dns.md: no fenced code block marked 'hcl' (open one with ```hcl)")
    }

    @Test func placeholdersAreRefusedWithTheirLine() async throws {
        let draft = Self.fixture("draft.md")
        let lab = try lab(draft)
        lab.noteTemplateLines = MarkdownNote.templateLines(Array("# {{title}}\n\n## What\n\nWhat it is, in a few sentences of your own.\n".utf8))
        let message = try await lab.message("- note: docs/notes/dns.md\n  no_placeholders: true")
        #expect(message == [
            "docs/notes/dns.md:5: placeholder left: \"TODO\"",
            "docs/notes/dns.md:10: placeholder left: \"…\"",
            "docs/notes/dns.md:11: placeholder left: \"...\"",
            "docs/notes/dns.md:12: placeholder left: \"What it is, in a few sentences of your own.\"",
            "docs/notes/dns.md:13: placeholder left: \"TBD\"",
        ].joined(separator: "; "))
        #expect(try await lab.message("- note: docs/notes/dns.md\n  no_placeholders: false") == nil)
    }

    @Test func theBuiltInTemplateLeftAsItIsFailsEveryRequirement() async throws {
        let template = try #require(BuiltinSets.templateFiles(of: "note")?.first)
        let lab = try lab(String(decoding: template.bytes, as: UTF8.self))
        lab.noteTemplateLines = MarkdownNote.templateLines(template.bytes)
        let message = try #require(try await lab.message("- note: docs/notes/dns.md\n  sections: [What, Why]\n  min_words: 20\n  no_placeholders: true"))
        #expect(message.contains("section \"What\" has 10 words (needs 20)"), "\(message)")
        #expect(message.contains("placeholder left: \"What it is, in a few sentences of your own.\""), "\(message)")
        #expect(message.contains("placeholder left: \"…\""), "\(message)")
    }

    @Test func aKeywordListFailsTheShape() async throws {
        let lab = try lab("SIGTERM SIGKILL fork exec zombie orphan 128 exit code\n")
        let message = try #require(try await lab.message("- note: docs/notes/dns.md\n  sections: [Birth, Death]\n  min_words: 5"))
        #expect(message.contains("no section \"Birth\"") && message.contains("no section \"Death\""), "\(message)")
    }

    @Test func setextHeadingsAndHeadingsThatGoOnCount() throws {
        let note = MarkdownNote(bytes: Array("How it fails — and how I'd notice\n---\n\nOne two three four.\n\nFailures\n===\n\nFive six.\n".utf8))
        #expect(note.section(named: "How it fails")?.words == 4)
        #expect(note.section(named: "How it")?.words == 4)
        #expect(note.section(named: "How it fa") == nil, "a name must end at a word")
        #expect(note.section(named: "I'd notice")?.words == 4, "a name may stand anywhere in the heading")
        #expect(MarkdownNote.holds("1. dns: name to address", "dns"))
        #expect(!MarkdownNote.holds("dnssec", "dns"))
        #expect(!MarkdownNote.holds("the tls 13 handshake", "tls 1"))
        #expect(note.section(named: "failures")?.words == 2)
    }

    @Test func aMissingFileOrAFolderIsSaidSo() async throws {
        let lab = try StepHarness()
        // With the command that writes it, when its name is the slug of a title `lab new note` takes.
        #expect(try await lab.message("- note: docs/notes/dns.md")
            == "file 'docs/notes/dns.md' does not exist (lab new note dns writes it, with the sections this step asks for)")
        #expect(try await lab.message("- note: docs/notes/tcp-and-udp.md")
            == "file 'docs/notes/tcp-and-udp.md' does not exist (lab new note tcp-and-udp writes it, with the sections this step asks for)")
        #expect(try await lab.message("- note: notes/DNS.md") == "file 'notes/DNS.md' does not exist")
        #expect(try await lab.message("- note: docs/notes/deep/dns.md") == "file 'docs/notes/deep/dns.md' does not exist")
        try FileManager.default.createDirectory(at: lab.root.appending(path: "docs/notes/dns.md"), withIntermediateDirectories: true)
        #expect(try await lab.message("- note: docs/notes/dns.md") == "'docs/notes/dns.md' is a folder, not a file")
    }
}
