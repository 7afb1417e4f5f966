import Foundation
import Testing

/// Lines that used to contradict what `lab` did, or said it wrongly: each as it reads now.
@Suite struct TruthfulMessagesTests {
    static let labFile = """
        lab: Small Lab
        phases:
          - id: 1
            title: One
            status: in-progress
            exercises:
              - id: first
                title: First
          - id: 2
            title: Two
            exercises:
              - id: second
                title: Second
          - id: 3
            title: Three
            scaffold: [notes]
            exercises:
              - id: third
                title: Third
        scaffolds:
          notes: { from: templates/notes, into: notes }

        """

    func makeLab() throws -> TemporaryLab {
        try TemporaryLab(files: [
            "lab.yml": Self.labFile,
            "docs/phases/phase-01.md": "# One\n\n## Progress checklist\n\n- [ ] First <!-- lab:first -->\n",
            "templates/notes/README.md.mustache": "# Notes of {{lab}}\n",
            "templates/notes/todo.md": "- read\n",
        ])
    }

    /// Starting a phase already in progress whose document is missing writes the document, and says so.
    @Test func phaseAlreadyInProgressSaysWhatItWrote() throws {
        let lab = try makeLab()
        try FileManager.default.removeItem(at: lab.url("docs/phases/phase-01.md"))
        let result = try lab.lab("phase", "start", "1")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("create docs/phases/phase-01.md"))
        #expect(result.stdout.contains("phase 1 was already in progress; created its document docs/phases/phase-01.md — next: lab status\n"), "\(result)")
        #expect(!result.stdout.contains("up to date"))
        #expect(lab.exists("docs/phases/phase-01.md"))
    }

    /// `--dry-run` says once that nothing was written.
    @Test func dryRunSaysItOnce() throws {
        let lab = try makeLab()
        let result = try lab.lab("phase", "start", "3", "--dry-run")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.components(separatedBy: "nothing").count == 2, "\(result)")
        #expect(result.stdout.contains("scaffolds would be: 2 created\n"))
        #expect(result.stdout.hasSuffix("dry run: nothing was written\n"))
    }

    /// A file of a scaffold that needs the learner makes `phase start` exit 1, and it says why.
    @Test func phaseStartSaysWhyItExitsOne() throws {
        let lab = try makeLab()
        try lab.write("notes/README.md", "mine\n")
        let result = try lab.lab("phase", "start", "3")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("not ours      notes/README.md"))
        #expect(result.stdout.contains("phase 3 started — next: lab status\n"))
        #expect(result.stderr.contains(
            "lab: warning: 1 file of its scaffolds needs your attention (listed above): resolve it, then commit; exit status 1\n"), "\(result)")
        #expect(!result.stderr.contains("some files need your attention"), "said once, by the phase")
    }

    /// Finishing a phase while another is in progress points to that one, not to a later pending phase.
    @Test func finishPointsToThePhaseInProgress() throws {
        let lab = try makeLab()
        #expect(try lab.lab("phase", "start", "2").status == 0)
        let forced = try lab.lab("phase", "finish", "1", "--force")
        #expect(forced.status == 0, "\(forced)")
        #expect(forced.stdout.contains("next: lab status (phase 2 is in progress)\n"), "\(forced)")
        #expect(!forced.stdout.contains("lab phase start 3"))
        let last = try lab.lab("phase", "finish", "2", "--force")
        #expect(last.stdout.contains("next: lab phase start 3\n"), "\(last)")
    }

    /// A refused finish says how each kind of item gets ticked: `lab mark` alone refuses a checked one.
    @Test func refusedFinishSaysHowToTick() throws {
        let lab = try makeLab()
        let refused = try lab.lab("phase", "finish", "1")
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.hasSuffix(
            "tick them ('lab check' for exercises with a check, 'lab mark ID' for manual ones) or finish anyway with --force\n"), "\(refused)")
    }

    /// A template's error is counted against the template, not `lab.yml`.
    @Test func templateErrorSummedUpInItsFile() throws {
        let lab = try makeLab()
        try lab.write("templates/notes/broken.md.mustache", "{{#open}}never closed\n")
        let result = try lab.lab("validate")
        #expect(result.status == 2)
        #expect(result.stderr.hasSuffix("templates/notes/broken.md.mustache: 1 error\n"), "\(result)")
        #expect(!result.stderr.contains("lab.yml: 1 error"))
    }

    /// The commands show the values `lab check` gives their variables, and the environment is
    /// shown as a shell would take it, so an empty value or one holding spaces reads unambiguously.
    @Test func hintShowsMultiLineExpectationsAndTheEnvironment() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": """
                lab: H
                phases:
                  - id: 1
                    title: One
                    status: in-progress
                    exercises:
                      - id: greet
                        title: Greet
                        env: { GREETING: hello, TARGET: world, EMPTY: "", WORDS: "a b*", QUOTE: "it's" }
                        verify:
                          - run: echo "$GREETING"; echo "$TARGET"
                            expect:
                              stdout: |
                                hello
                                world
                              stderr: [warn]

                """,
        ])
        let result = try lab.lab("hint", "greet")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("""
              1. run: echo "hello"; echo "world"
                 expect exit 0, stderr contains 'warn'
                 stdout contains:
                   │ hello
                   │ world
                 timeout 1m
              env: GREETING=hello TARGET=world EMPTY='' WORDS='a b*' QUOTE='it'\\''s'

            """), "\(result)")
    }

    @Test func watchingOneFile() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": "lab: W\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n    exercises:\n      - id: a\n        title: A\n        verify: [{ run: \"true\" }]\n",
        ])
        let process = Process()
        process.executableURL = LabProcess.executable
        process.arguments = ["check", "--watch", "--no-mark"]
        process.currentDirectoryURL = lab.root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = OutputCollector(output.fileHandleForReading)
        let deadline = Date().addingTimeInterval(30)
        while !reader.text.contains("Ctrl-C") && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(reader.text.contains("watching 1 file; Ctrl-C to stop"), "\(reader.text)")
    }
}
