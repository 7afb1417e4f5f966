import Foundation
import Testing
@testable import LabKit

@Suite struct FileStepTests {
    @Test func existsAndIsNotEmpty() async throws {
        let lab = try StepHarness()
        try lab.write("notes.md", "SIGTERM and SIGKILL\nexit code 128+N\n")
        try lab.write("blank.md", "  \n")
        #expect(try await lab.message("- file: notes.md") == nil)
        #expect(try await lab.message("- file: missing.md") == "file 'missing.md' does not exist")
        #expect(try await lab.message("- file: blank.md") == "file 'blank.md' is empty")
    }

    /// Where a GitHub annotation of the failure goes: the learner's file, when it is in the lab
    /// and there.
    @Test func theLocationIsTheFileWhenItIsThere() async throws {
        let lab = try StepHarness()
        try lab.write("notes.md", "SIGTERM\n")
        #expect(try await lab.run("- file: notes.md\n  contains: SIGKILL").location == FilePosition(path: "notes.md"))
        #expect(try await lab.run("- file: missing.md").location == nil)
        #expect(try await lab.run("- file: /etc/hostname\n  contains: nothing-like-this").location == nil)
    }

    /// A pattern that backtracks without end on the text is given up on after a bounded time; it
    /// held `lab check` past every timeout and Ctrl-C (the match ran in place). Short budgets here,
    /// on a text whose match ends by itself within a second or two (sixteen `a`s: 2^16 ways), so
    /// that no thread is left busy for the rest of the tests; the real budget is 5 s.
    @Test func aMatchThatTakesTooLongIsGivenUpOn() async throws {
        let text = String(repeating: "a", count: 16) + "!"
        #expect(BoundedMatch.firstMatch("^(a+)+$", in: text, budget: .milliseconds(20)) == .givenUp)
        #expect(BoundedMatch.firstMatch("^a+!$", in: text) == .matched)
        #expect(BoundedMatch.firstMatch("^b", in: text) == .unmatched)
        #expect(BoundedMatch.firstMatch("(", in: text) == .invalid)
    }

    /// A cancelled run (Ctrl-C) does not wait for a match, whatever the budget. (The task cancels
    /// itself: a test that cancels it from outside after a delay depends on when the pool runs it.)
    @Test func aCancelledRunStopsWaiting() async throws {
        let text = String(repeating: "a", count: 16) + "!"
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return BoundedMatch.firstMatch("^(a+)+$", in: text, budget: .seconds(600))
        }
        #expect(await task.value == .givenUp)
    }

    @Test func contentExpectations() async throws {
        let lab = try StepHarness()
        try lab.write("notes.md", "SIGTERM and SIGKILL\nExit code 128+N\nTODO: zombies\n")
        #expect(try await lab.message("- file: notes.md\n  contains: [SIGTERM, SIGKILL]") == nil)
        #expect(try await lab.message("- file: notes.md\n  contains: [SIGTERM, SIGHUP]") == "file 'notes.md' does not contain 'SIGHUP'")
        #expect(try await lab.message("- file: notes.md\n  not_contains: FIXME") == nil)
        #expect(try await lab.message("- file: notes.md\n  not_contains: TODO") == "notes.md:3: contains 'TODO' (expected it not to)")
        #expect(try await lab.message("- file: notes.md\n  matches: ['(?i)exit (code|status)', '^SIG']") == nil)
        #expect(try await lab.message("- file: notes.md\n  matches: ['(?i)orphan']") == "file 'notes.md' does not match /(?i)orphan/")
        #expect(try await lab.message("- file: notes.md\n  size_gt: 10") == nil)
        #expect(try await lab.message("- file: notes.md\n  size_gt: 1000") == "'notes.md' is 50 bytes (expected more than 1000)")
    }

    @Test func modeTypeAndLinks() async throws {
        let lab = try StepHarness()
        try lab.write("scripts/graceful.sh", "#!/bin/sh\n", mode: 0o644)
        try lab.write("scripts/run.sh", "#!/bin/sh\n", mode: 0o755)
        try FileManager.default.createSymbolicLink(atPath: lab.root.appending(path: "current").path, withDestinationPath: "scripts/run.sh")
        try FileManager.default.createSymbolicLink(atPath: lab.root.appending(path: "dangling").path, withDestinationPath: "nowhere")
        #expect(try await lab.message("- file: scripts/run.sh\n  mode: \"0755\"") == nil)
        #expect(try await lab.message("- file: scripts/graceful.sh\n  mode: \"0755\"") == "scripts/graceful.sh is mode 0644 (expected 0755)")
        #expect(try await lab.message("- file: scripts\n  type: directory") == nil)
        #expect(try await lab.message("- file: scripts/run.sh\n  type: directory") == "'scripts/run.sh' is a regular file, not a directory")
        #expect(try await lab.message("- file: scripts\n  type: file") == "'scripts' is a folder, not a file")
        #expect(try await lab.message("- file: current\n  type: symlink") == nil)
        #expect(try await lab.message("- file: current\n  links_to: scripts/run.sh") == nil)
        #expect(try await lab.message("- file: current\n  links_to: scripts/other.sh") == "'current' links to 'scripts/run.sh' (expected 'scripts/other.sh')")
        #expect(try await lab.message("- file: scripts/run.sh\n  type: symlink") == "'scripts/run.sh' is a regular file, not a symbolic link")
        #expect(try await lab.message("- file: current") == nil, "a link to a file counts as the file")
        #expect(try await lab.message("- file: dangling") == "'dangling' is a broken symbolic link: 'nowhere' does not exist")
    }

    @Test func aFIFOIsNeverOpened() async throws {
        let lab = try StepHarness()
        mkfifo(lab.root.appending(path: "pipe").path, 0o644)
        #expect(try await lab.message("- file: pipe\n  contains: x") == "'pipe' is a FIFO, not a regular file")
    }
}
