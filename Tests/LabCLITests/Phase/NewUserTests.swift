import Foundation
import Testing

/// Dead ends and noise a new user met: `lab init` in a new GitHub repository or inside a lab,
/// `lab list` before a phase starts, a skipped exercise with no way forward, phases started out
/// of order, and the placeholder `.gitkeep` left in a folder that has files.
@Suite struct NewUserTests {
    /// A new GitHub repository has a README and often a `.gitignore`: init adds to them.
    @Test func initAddsThePhaseTableToAnExistingReadme() throws {
        let lab = try TemporaryLab(files: [
            "README.md": "# My repo\r\n\r\nNotes.", ".gitignore": "node_modules/\n.lab/lock\n", ".gitattributes": "*.png binary\n",
        ])
        let result = try lab.lab("init")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains(
            "added the phase table to README.md (a \"Phases\" section at its end, between <!-- lab:phases --> and <!-- /lab:phases -->; move it where you like)\n"))
        #expect(result.stdout.contains("added 5 lines to .gitignore (what lab keeps out of git)\n"))
        #expect(result.stdout.contains(
            "  the pictures are in assets/; to show them in README.md, add ![progress](assets/progress.svg) (more: lab pictures --help)\n"), "\(result)")
        #expect(result.stdout.contains("added 2 lines to .gitattributes (the journal merges line by line across branches; merge bases keep their line endings)\n"))
        #expect(lab.read(".gitattributes") == "*.png binary\n\n# lab: the journal merges line by line across branches; merge bases keep their line endings\n.lab/journal.jsonl merge=union\n.lab/base/*.bases -text\n")
        #expect(!result.stdout.contains("created README.md") && !result.stdout.contains("created .gitignore"))
        #expect(result.stdout.hasSuffix("LLM Infrastructure Lab is ready here\nnext: lab status\n"), "\(result)")
        let readme = try #require(lab.read("README.md"))
        #expect(readme.hasPrefix("# My repo\r\n\r\nNotes.\r\n\r\n## Phases\r\n\r\n<!-- lab:phases -->\r\n| Phase | Theme | Status |\r\n"), "\(readme)")
        #expect(readme.hasSuffix("| Phase 4 — Future | MLOps & AI Infrastructure | Pending |\r\n<!-- /lab:phases -->\r\n"))
        let ignore = try #require(lab.read(".gitignore"))
        #expect(ignore.hasPrefix("node_modules/\n.lab/lock\n\n"))
        #expect(ignore.contains(".lab/state.json\n") && ignore.components(separatedBy: ".lab/lock").count == 2)

        // The table is lab's from now on: phase start keeps it up to date.
        #expect(try lab.lab("phase", "start", "2").status == 0)
        #expect(lab.read("README.md")?.contains("| [Phase 2 — Weeks 3–6](docs/phases/phase-02.md) | Cloud fundamentals & basic DevOps | In progress 0/") == true)
        let validate = try lab.lab("validate")
        #expect(validate.status == 0, "\(validate)")
    }

    @Test func initFillsExistingMarkers() throws {
        let lab = try TemporaryLab(files: ["README.md": "# Mine\n\n<!-- lab:phases -->\nold\n<!-- /lab:phases -->\n\nMore.\n"])
        let result = try lab.lab("init", "-q")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("added the phase table to README.md (between its markers)\n"))
        let readme = try #require(lab.read("README.md"))
        #expect(readme.hasPrefix("# Mine\n\n<!-- lab:phases -->\n| Phase | Theme | Status |\n"))
        #expect(readme.hasSuffix("<!-- /lab:phases -->\n\nMore.\n"))
        #expect(!readme.contains("old"))
    }

    @Test func initInsideALabRefusesUnlessForced() throws {
        let lab = try TemporaryLab()
        #expect(try lab.lab("init", "-q").status == 0)
        let before = lab.snapshot()
        let nested = try lab.lab("init", "course")
        #expect(nested.status == 1)
        #expect(nested.stderr.hasPrefix("lab: error: 'course' is inside the lab of "), "\(nested)")
        #expect(nested.stderr.contains("lab.yml; a lab inside a lab would hide it from every lab command run below. Create the lab elsewhere, or use --force to nest it anyway\n"))
        #expect(lab.snapshot() == before)
        #expect(!lab.exists("course"))
        let forced = try lab.lab("init", "course", "--force", "-q")
        #expect(forced.status == 0, "\(forced)")
        #expect(lab.exists("course/lab.yml"))
    }

    /// A phase without a document says so once, not once per exercise.
    @Test func listSaysOncePerPhaseThatItHasNoDocument() throws {
        let lab = try TemporaryLab()
        #expect(try lab.lab("init", "-q").status == 0)
        let result = try lab.lab("list")
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.contains("(no item in its phase document)"))
        #expect(result.stdout.contains("Phase 2 — Cloud fundamentals & basic DevOps (pending)  no document yet: 'lab phase start 2' writes it\n"))
        #expect(result.stdout.components(separatedBy: "no document yet").count == 4, "phases 2, 3 and 4")

        // An exercise without an item in a document that exists is still named.
        let document = try #require(lab.read("docs/phases/phase-01.md"))
        try lab.write("docs/phases/phase-01.md", document.replacingOccurrences(of: "<!-- lab:teach-back -->", with: "").replacingOccurrences(
            of: "Explain a request's life out loud to someone else", with: "Something else"))
        let after = try lab.lab("list", "1")
        #expect(after.stdout.contains("teach-back") && after.stdout.contains("(no item in its phase document)"), "\(after)")
    }

    @Test func skippedExerciseSaysHowToInstallWhatItNeeds() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": """
                lab: S
                phases:
                  - id: 1
                    title: One
                    status: in-progress
                    exercises:
                      - id: lint
                        title: Lint
                        requires: [no-such-shellcheck-xyz]
                        verify: [{ run: "true" }]
                      - id: other
                        title: Other
                        requires: [no-such-tool-xyz]
                        verify: [{ run: "true" }]

                """,
        ])
        let text = try lab.lab("check", "--format", "json")
        #expect(text.stdout.contains("requires no-such-tool-xyz (not on PATH)"), "an unknown program: no hint")
        // A program lab knows how to install, kept off PATH.
        try lab.write("lab.yml", try #require(lab.read("lab.yml")).replacingOccurrences(of: "no-such-shellcheck-xyz", with: "shellcheck"))
        let shellcheck = try lab.lab("check", "lint", environment: ["PATH": "/nonexistent"])
        #expect(shellcheck.stdout.contains(
            "skipped    lint  requires shellcheck (not on PATH; install: apt-get install shellcheck or brew install shellcheck)\n"), "\(shellcheck)")
    }

    @Test func startingAPhaseAheadOfAPendingOneGetsANote() throws {
        let lab = try TemporaryLab()
        #expect(try lab.lab("init", "-q").status == 0)
        let result = try lab.lab("phase", "start", "4")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains(
            "lab: note: phases 2 and 3 have not been started; phases build on each other (the next to start is 'lab phase start 2'), but you can go on\n"),
            "\(result)")
        let ahead = try lab.lab("phase", "start", "3")
        #expect(ahead.stderr.contains(
            "lab: note: phase 2 has not been started; phases build on each other (the next to start is 'lab phase start 2'), but you can go on\n"),
            "\(ahead)")
        #expect(ahead.stderr.contains("lab: note: phases 1 and 4 are still in progress; you can work on several phases at once\n"), "\(ahead)")
        let next = try lab.lab("phase", "start", "2")
        #expect(!next.stderr.contains("have not been started") && !next.stderr.contains("has not been started"), "\(next)")
    }

    /// `lab init` leaves an empty `.gitkeep` in `cloud/`; once the scaffold writes files there it goes.
    @Test func placeholderGoesWhenTheFolderGetsFiles() throws {
        let lab = try TemporaryLab()
        #expect(try lab.lab("init", "-q").status == 0)
        try lab.write("mlops/data/.gitkeep", "")
        try lab.write("devops/.gitkeep", "keep me\n")
        let result = try lab.lab("phase", "start", "2")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("  delete        cloud/.gitkeep  (an empty placeholder: the folder has files now)\n"), "\(result)")
        #expect(!lab.exists("cloud/.gitkeep"))
        #expect(lab.exists("cloud/main.tf"))
        #expect(lab.read("devops/.gitkeep") == "keep me\n", "not empty: not a placeholder")
        #expect(lab.exists("mlops/.gitkeep"), "mlops/ gets no files yet")
        let again = try lab.lab("scaffold")
        #expect(again.status == 0, "\(again)")
        #expect(!again.stdout.contains(".gitkeep"))
    }
}
