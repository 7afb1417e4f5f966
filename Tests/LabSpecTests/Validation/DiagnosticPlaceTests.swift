import Testing
@testable import LabSpec

/// Where a diagnostic points and what its notes say, for what a list or an alias does to them:
/// the same whether the exercises are decoded as read or from the whole tree.
@Suite struct DiagnosticPlaceTests {
    func diagnostics(_ text: String) -> [[Diagnostic]] {
        let loader = LabLoader(builtinSets: [])
        let source = SourceFile(path: "lab.yml", bytes: Array(text.utf8))
        return [loader.load(source).diagnostics, loader.load(source, exercisesAsRead: true).diagnostics]
    }

    /// `id: *n` repeating the id of the phase that anchored it: the error is at the alias, its
    /// note at the first phase's id.
    @Test func anAliasedDuplicatePhaseIdIsPointedAtWhereTheAliasIs() throws {
        let text = """
            lab: L
            phases:
              - id: &n 1
                title: A
              - title: B
                id: *n
            """
        for found in diagnostics(text) {
            let duplicate = try #require(found.first { $0.message == "duplicate phase id 1" }, "\(found)")
            #expect(duplicate.location?.mark?.line == 6)
            #expect(duplicate.location?.mark?.column == 9)
            #expect(duplicate.notes.first?.location?.mark?.line == 3)
        }
    }

    @Test func anAliasedDuplicateExerciseIdIsPointedAtWhereTheAliasIs() throws {
        let text = """
            lab: L
            phases:
              - id: 1
                title: A
                exercises:
                  - {id: &x dns, title: X}
                  - title: Y
                    id: *x
            """
        for found in diagnostics(text) {
            let duplicate = try #require(found.first { $0.message == "duplicate exercise id 'dns'" }, "\(found)")
            #expect(duplicate.location?.mark?.line == 8)
            #expect(duplicate.notes.first?.location?.mark?.line == 6)
            #expect(duplicate.notes.first?.message == "'dns' is first defined here, in phase 1")
        }
    }

    /// A phase without a valid id is reported for it; the note of a duplicate exercise in it
    /// does not call it "phase 0".
    @Test func aDuplicateExerciseOfAPhaseWithoutAnIdNamesNoPhase() throws {
        for phaseID in ["", "id: zero\n    "] {
            let text = "lab: L\nphases:\n  - \(phaseID)title: A\n    exercises:\n      - {id: x, title: X}\n"
                + "  - id: 2\n    title: B\n    exercises:\n      - {id: x, title: Y}\n"
            for found in diagnostics(text) {
                let duplicate = try #require(found.first { $0.message == "duplicate exercise id 'x'" }, "\(found)")
                #expect(duplicate.notes.first?.message == "'x' is first defined here", "\(found)")
                #expect(duplicate.notes.first?.location?.mark?.line == (phaseID.isEmpty ? 5 : 6))
                #expect(!found.contains { $0.description.contains("phase 0") }, "\(found)")
            }
        }
    }

    /// A list with an item that is not a string: that item is reported, the list is not also
    /// counted short, and its other items are still checked, each pointed at where it is.
    @Test func aListWithAnItemThatIsNoStringIsNotCountedShort() throws {
        let quiz = """
            lab: L
            phases:
              - id: 1
                title: A
                exercises:
                  - id: q
                    title: Q
                    verify:
                      - quiz:
                          - ask: Which?
                            choices: [~, a, a]
                            answer: "sha256:0a0b0c0d:533976883eb3c9a7d9a4d9e1bccc4b2092df2198a5d022e1239225f52d717078"
            """
        for found in diagnostics(quiz) {
            let errors = found.filter { $0.severity == .error }
            #expect(errors.count == 2, "\(errors)")
            #expect(errors.first?.message.contains("each item of 'choices'") == true, "\(errors)")
            #expect(errors.first?.message.contains("null") == true, "\(errors)")
            #expect(errors.first?.location?.mark?.line == 11)
            #expect(errors.first?.location?.mark?.column == 27)
            #expect(errors.last?.message.contains("choice 'a'") == true, "\(errors)")
            #expect(errors.last?.message.contains("given twice") == true, "\(errors)")
            #expect(errors.last?.location?.mark?.line == 11)
            #expect(errors.last?.location?.mark?.column == 33)
            #expect(!errors.contains { $0.message.contains("one entry") })
        }
        let sections = """
            lab: L
            phases:
              - id: 1
                title: A
                exercises:
                  - id: n
                    title: N
                    verify:
                      - note: docs/notes/n.md
                        sections: [~]
            """
        for found in diagnostics(sections) {
            #expect(!found.contains { $0.message.contains("empty list") }, "\(found)")
            #expect(found.contains { $0.message.contains("each item of 'sections'") }, "\(found)")
        }
        // Every list of strings: the item after a null is checked, and pointed at, as itself.
        let lists = """
            lab: L
            scaffolds:
              known: { from: cloud }
            phases:
              - id: 1
                title: A
                scaffold: [null, nope]
                exercises:
                  - id: e
                    title: E
                    requires: [null, ""]
                    sources: [null, "/etc/passwd"]
                    verify:
                      - dns: example.com
                        expect: { addresses: [null, not-an-ip] }
            """
        for found in diagnostics(lists) {
            let places = found.filter { $0.severity == .error }.map { ($0.location?.mark?.line ?? 0, $0.location?.mark?.column ?? 0, $0.message) }
            #expect(places.contains { $0.0 == 7 && $0.1 == 22 && $0.2.contains("unknown scaffold 'nope'") }, "\(places)")
            #expect(places.contains { $0.0 == 11 && $0.1 == 26 && $0.2.contains("empty program") }, "\(places)")
            #expect(places.contains { $0.0 == 12 && $0.1 == 25 && $0.2.contains("'/etc/passwd'") }, "\(places)")
            #expect(places.contains { $0.0 == 15 && $0.1 == 41 && $0.2.contains("'not-an-ip'") }, "\(places)")
            #expect(places.filter { $0.2.contains("found nothing (null)") }.count == 4, "\(places)")
        }
    }

    /// A number too large for what it sets is said to be too large, not "not a number".
    @Test func tooLargeNumbersAreSaidToBeTooLarge() throws {
        let text = """
            lab: L
            phases:
              - id: 99999999999999999999
                title: A
              - id: 2
                title: B
                exercises:
                  - id: e
                    title: E
                    timeout: 1000000w
                    verify:
                      - run: "true"
                        retry: { attempts: 99999999999999999999 }
            """
        for found in diagnostics(text) {
            let messages = found.filter { $0.severity == .error }.map(\.message)
            #expect(messages.contains("a phase id must be a positive integer no larger than \(Int.max), found '99999999999999999999'"), "\(messages)")
            #expect(messages.contains("'timeout' in exercise 'e' is '1000000w', too long: at most 1,000,000,000 seconds (about 31 years)"), "\(messages)")
            #expect(messages.contains { $0.contains("is 99999999999999999999, too large for an integer here") }, "\(messages)")
        }
    }

    /// A value that is not a string, written as an alias: pointed at the alias, not its anchor.
    @Test func anAliasedItemThatIsNoStringIsPointedAtTheAlias() throws {
        let text = """
            lab: L
            phases:
              - id: 1
                title: A
                exercises:
                  - id: e
                    title: E
                    requires: [&r 5, *r, &q null, *q]
            """
        for found in diagnostics(text) {
            let nulls = found.filter { $0.message.contains("found nothing (null)") }
            #expect(nulls.map { $0.location?.mark?.column } == [30, 39], "\(found)")
        }
    }
}

/// Paths lab writes and texts it writes into Markdown, as a stranger's lab could set them.
@Suite struct WrittenPlacesTests {
    func errors(_ text: String) -> [String] {
        LabLoader(builtinSets: ["cloud"]).load(SourceFile(path: "lab.yml", bytes: Array(text.utf8)))
            .diagnostics.filter { $0.severity == .error }.map(\.message)
    }

    func lab(phase: String = "", paths: String = "", scaffold: String = "", title: String = "T") -> String {
        "lab: L\n\(paths)\(scaffold)phases:\n  - id: 1\n    title: \(title)\n\(phase)    exercises:\n      - { id: e, title: E }\n"
    }

    @Test(arguments: [
        ("    doc: .git/hooks/pre-commit\n", "'doc' in phase 1 must not be inside '.git', found '.git/hooks/pre-commit'"),
        ("    doc: docs/../.GIT/hooks/pre-push\n", "'doc' in phase 1 must not be inside '.git', found '.GIT/hooks/pre-push'"),
        ("    doc: .lab/journal.jsonl\n", "'doc' in phase 1 must not be inside '.lab', found '.lab/journal.jsonl'"),
        ("    doc: lab.yml\n", "'doc' in phase 1 must not be lab.yml itself"),
        ("    doc: \"docs/p\\0.md\"\n", "'doc' in phase 1 contains a NUL character, which no file name can hold"),
    ])
    func aPhaseDocumentIsNeverWhereGitOrLabKeepTheirFiles(_ doc: String, _ message: String) {
        #expect(errors(lab(phase: doc)) == [message])
    }

    @Test func thePathsLabWritesAreCheckedAlike() {
        #expect(errors(lab(paths: "paths: { readme: .git/description }\n")) == ["'readme' in 'paths' must not be inside '.git', found '.git/description'"])
        #expect(errors(lab(paths: "paths: { phases: .lab/p }\n")) == ["'phases' in 'paths' must not be inside '.lab', found '.lab/p'"])
        #expect(errors(lab(scaffold: "scaffolds:\n  s: { from: builtin:cloud, into: .git/hooks }\n"))
            == ["'into' in scaffold 's' must not be inside '.git', found '.git/hooks'"])
        #expect(errors(lab(scaffold: "scaffolds:\n  s: { from: builtin:cloud, into: \"clo\\0ud\" }\n"))
            == ["'into' in scaffold 's' contains a NUL character, which no file name can hold"])
        #expect(errors(lab(scaffold: "scaffolds:\n  s: { from: \"tpl\\0x\", into: cloud }\n"))
            == ["'from' in scaffold 's' contains a NUL character, which no file name can hold"])
        // Names that only look alike are fine.
        #expect(errors(lab(phase: "    doc: .github/phase.md\n", paths: "paths: { readme: .gitignore-notes.md }\n")) == [])
    }

    /// What lab copies into the lab's files — a template set, a note's or a record's template —
    /// is never git's own: its config can hold a token, which the copy would put in a commit.
    @Test func nothingIsCopiedOutOfGit() {
        #expect(errors(lab(scaffold: "scaffolds:\n  s: { from: .git, into: docs/snapshot }\n"))
            == ["'from' in scaffold 's' must not be inside '.git' (git's own files: its config can hold credentials), found '.git'"])
        #expect(errors(lab(scaffold: "templates: { note: .git/config, adr: docs/../.Git/description }\n"))
            == ["'note' in 'templates' must not be inside '.git' (git's own files: its config can hold credentials), found '.git/config'",
                "'adr' in 'templates' must not be inside '.git' (git's own files: its config can hold credentials), found '.Git/description'"])
        #expect(errors(lab(scaffold: "templates: { note: .github/note.md }\n")) == [])
    }

    /// A title lab writes as a checklist item or a table cell: one line, or the rest of it would
    /// be lines of the lab author's choosing in the learner's documents.
    @Test func titlesAreOneLine() {
        #expect(errors(lab(title: "\"x\\n#!/bin/sh\"")) == ["'title' in phase 1 must be one line of text, found a line break (\\n)"])
        #expect(errors(lab(title: "\"x\\ry\"")) == ["'title' in phase 1 must be one line of text, found a line break (\\r)"])
        // Not a line break to Markdown: text, shown escaped on a terminal.
        #expect(errors(lab(title: "\"x\\u2028y \\a tab\\tand café\"")) == [])
        #expect(errors("lab: \"L\\r\"\nphases: []\n") == ["'lab' (the lab's name) must be one line of text, found a line break (\\r)"])
        #expect(errors(lab().replacingOccurrences(of: "title: E", with: "title: \"E\\nF\"")) == ["'title' in exercise 'e' must be one line of text, found a line break (\\n)"])
    }
}
