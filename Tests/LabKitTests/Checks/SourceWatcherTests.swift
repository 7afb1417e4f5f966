import Foundation
import LabSpec
import Testing

@testable import LabKit

/// `lab check --watch`'s watcher: which files it stamps, which changes it reports, and when it stops.
@Suite struct SourceWatcherTests {
    static let notes = Exercise(id: "notes", phase: 1, title: "Notes", sources: ["notes/*.md"])
    static let scripts = Exercise(id: "scripts", phase: 1, title: "Scripts", sources: ["scripts/**", "Makefile"])

    /// A lab folder with a few sources of each exercise and files no exercise names.
    static func lab() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("lab.yml", "lab: Watched\nphases: []\n")
        try folder.write("notes/a.md", "a\n")
        try folder.write("notes/b.md", "b\n")
        try folder.write("notes/c.txt", "not a source\n")
        try folder.write("scripts/run.sh", "echo\n")
        try folder.write("other.md", "not a source\n")
        return folder
    }

    /// Polls often and settles soon, so a test waits a fraction of a second.
    static func watcher(_ folder: TemporaryFolder, settle: Duration = .milliseconds(50)) -> SourceWatcher {
        var watcher = SourceWatcher(root: folder.root, labFile: folder.root.appending(path: "lab.yml"))
        watcher.interval = .milliseconds(10)
        watcher.settle = settle
        return watcher
    }

    @Test func snapshotStampsEveryMatchedFileAndLabYml() throws {
        let folder = try Self.lab()
        let snapshot = Self.watcher(folder).snapshot([Self.notes, Self.scripts])
        #expect(Set(snapshot.keys) == ["notes/a.md", "notes/b.md", "scripts/run.sh", SourceWatcher.labFileKey])
        #expect(snapshot["notes/a.md"] != snapshot["notes/b.md"], "each file has its own inode")
        // A source named but missing (`Makefile`) is not stamped, nor is a missing lab.yml.
        try folder.remove("lab.yml")
        let withoutLabFile = Self.watcher(folder).snapshot([Self.notes])
        #expect(Set(withoutLabFile.keys) == ["notes/a.md", "notes/b.md"])
    }

    @Test func aChangedSourceIsReported() async throws {
        let folder = try Self.lab()
        let watcher = Self.watcher(folder)
        let exercises = [Self.notes, Self.scripts]
        let snapshot = watcher.snapshot(exercises)
        try folder.write("notes/b.md", "b, longer now\n")
        let change = try #require(await watcher.waitForChange(from: snapshot, exercises: exercises))
        #expect(change.paths == ["notes/b.md"])
        #expect(!change.labFileChanged)
    }

    @Test func addedAndRemovedSourcesAreReported() async throws {
        let folder = try Self.lab()
        let watcher = Self.watcher(folder)
        let exercises = [Self.notes, Self.scripts]
        let snapshot = watcher.snapshot(exercises)
        try folder.write("notes/new.md", "new\n")
        try folder.remove("scripts/run.sh")
        try folder.write("Makefile", "all:\n")
        let change = try #require(await watcher.waitForChange(from: snapshot, exercises: exercises))
        #expect(change.paths == ["Makefile", "notes/new.md", "scripts/run.sh"])
    }

    @Test func filesNoExerciseNamesAreNotWatched() async throws {
        let folder = try Self.lab()
        let watcher = Self.watcher(folder)
        let snapshot = watcher.snapshot([Self.notes])
        try folder.write("notes/c.txt", "changed, but not a source\n")
        try folder.write("other.md", "changed, but not a source\n")
        try folder.write("scripts/run.sh", "a source of another exercise\n")
        try folder.write("notes/a.md", "a source\n")
        let change = try #require(await watcher.waitForChange(from: snapshot, exercises: [Self.notes]))
        #expect(change.paths == ["notes/a.md"])
    }

    @Test func aLabFileChangeIsFlaggedApart() async throws {
        let folder = try Self.lab()
        let watcher = Self.watcher(folder)
        let snapshot = watcher.snapshot([Self.notes])
        try folder.write("lab.yml", "lab: Watched again\nphases: []\n")
        let change = try #require(await watcher.waitForChange(from: snapshot, exercises: [Self.notes]))
        #expect(change.labFileChanged)
        #expect(change.paths == [])
    }

    /// Changes keep coming: the watcher reports once they have stopped for the settle time, all of
    /// them in one change.
    @Test func changesInARowAreReportedTogether() async throws {
        let folder = try Self.lab()
        // Long enough that the writes below, a few milliseconds apart, fall within it.
        // The pauses block this thread rather than suspend the task: a suspended task may wait long for
        // a thread of a pool busy with other tests, and a pause longer than the settle time would end
        // the change early.
        let watcher = Self.watcher(folder, settle: .seconds(5))
        let snapshot = watcher.snapshot([Self.notes])
        let waiting = Task { await watcher.waitForChange(from: snapshot, exercises: [Self.notes]) }
        for round in 0..<5 {
            try folder.write("notes/a.md", String(repeating: "a", count: round + 2) + "\n")
            Self.pause(seconds: 0.015)
        }
        try folder.write("notes/b.md", "b changed last\n")
        let change = try #require(await waiting.value)
        #expect(change.paths == ["notes/a.md", "notes/b.md"])
    }

    /// Blocks the calling thread: a pause a busy pool cannot stretch.
    private static func pause(seconds: TimeInterval) { Thread.sleep(forTimeInterval: seconds) }

    @Test func cancellingTheWaitReturnsNil() async throws {
        let folder = try Self.lab()
        let watcher = Self.watcher(folder)
        let snapshot = watcher.snapshot([Self.notes])
        let waiting = Task { await watcher.waitForChange(from: snapshot, exercises: [Self.notes]) }
        waiting.cancel()
        #expect(await waiting.value == nil)
        // Cancelled while changes are pending but not settled: still nil, nothing half reported.
        let slow = Self.watcher(folder, settle: .seconds(60))
        let pending = Task { await slow.waitForChange(from: snapshot, exercises: [Self.notes]) }
        try folder.write("notes/a.md", "changed\n")
        try await Task.sleep(for: .milliseconds(100))
        pending.cancel()
        #expect(await pending.value == nil)
    }

    @Test func matchesTellsWhichExerciseAPathConcerns() throws {
        let folder = try Self.lab()
        let watcher = Self.watcher(folder)
        #expect(watcher.matches("notes/a.md", Self.notes))
        #expect(!watcher.matches("notes/c.txt", Self.notes))
        #expect(!watcher.matches("notes/deeper/a.md", Self.notes))
        #expect(!watcher.matches("notes/a.md", Self.scripts))
        #expect(watcher.matches("scripts/deep/x.sh", Self.scripts))
        #expect(watcher.matches("Makefile", Self.scripts))
        #expect(!watcher.matches("Makefile", Self.notes))
    }
}
