import Foundation
import LabRuntime
import Testing

@testable import LabKit

/// The journal file: appended whole, a killed append's unfinished line repaired by the next one,
/// and a journal that is not a readable file left alone.
@Suite struct JournalStoreTests {
    static let at = Date(timeIntervalSince1970: 1_795_705_445)

    static func events(_ ids: String...) -> [JournalEvent] {
        ids.map { JournalEvent(.ticked, at: at, exercise: $0, phase: 1) }
    }

    static func lines(_ events: [JournalEvent]) -> [UInt8] { events.flatMap(\.line) }

    static func lock(_ folder: TemporaryFolder) throws -> LabLock {
        try LabLock.acquire(root: folder.root, files: ContainedRoot(folder.root.path))
    }

    static func bytes(_ folder: TemporaryFolder) -> [UInt8]? {
        (try? Data(contentsOf: folder.root.appending(path: JournalStore.path))).map { [UInt8]($0) }
    }

    @Test func appendsCreateTheJournalAndAddToItsEnd() throws {
        let folder = try TemporaryFolder()
        let files = ContainedRoot(folder.root.path)
        #expect(!JournalStore.load(files: files).exists)
        let lock = try Self.lock(folder)
        try JournalStore.append(Self.events("a", "b"), files: files, holding: lock)
        try JournalStore.append(Self.events("c"), files: files, holding: lock)
        #expect(try JournalStore.append([], files: files, holding: lock) == nil)
        #expect(Self.bytes(folder) == Self.lines(Self.events("a", "b", "c")))
        let journal = JournalStore.load(files: files)
        #expect(journal.exists && journal.warnings.isEmpty && journal.events.compactMap(\.exercise) == ["a", "b", "c"])
    }

    @Test func anAppendTakenBackLeavesTheJournalAsItWas() throws {
        let folder = try TemporaryFolder()
        let files = ContainedRoot(folder.root.path)
        let lock = try Self.lock(folder)
        let first = try JournalStore.append(Self.events("a"), files: files, holding: lock)
        let second = try JournalStore.append(Self.events("b"), files: files, holding: lock)
        try second?.undo()
        #expect(Self.bytes(folder) == Self.lines(Self.events("a")))
        try first?.undo()
        #expect(Self.bytes(folder) == nil)
    }

    @Test func theUnfinishedLineOfAKilledAppendIsCutByTheNext() throws {
        let folder = try TemporaryFolder()
        let whole = Self.lines(Self.events("a"))
        try folder.write(JournalStore.path, String(decoding: whole, as: UTF8.self) + #"{"at":"2026-11-26T15:04"#)
        let files = ContainedRoot(folder.root.path)
        try JournalStore.append(Self.events("b"), files: files, holding: try Self.lock(folder))
        #expect(Self.bytes(folder) == Self.lines(Self.events("a", "b")))
    }

    @Test func aWholeEventWithoutItsLineBreakIsKeptAndEnded() throws {
        let folder = try TemporaryFolder()
        let whole = Self.lines(Self.events("a"))
        try folder.write(JournalStore.path, String(decoding: whole.dropLast(), as: UTF8.self))
        let files = ContainedRoot(folder.root.path)
        try JournalStore.append(Self.events("b"), files: files, holding: try Self.lock(folder))
        #expect(Self.bytes(folder) == Self.lines(Self.events("a", "b")))
    }

    @Test func aBadLineInTheMiddleIsNeverRewritten() throws {
        let folder = try TemporaryFolder()
        let text = "not an event\n" + String(decoding: Self.lines(Self.events("a")), as: UTF8.self)
        try folder.write(JournalStore.path, text)
        let files = ContainedRoot(folder.root.path)
        try JournalStore.append(Self.events("b"), files: files, holding: try Self.lock(folder))
        #expect(Self.bytes(folder) == Array(text.utf8) + Self.lines(Self.events("b")))
        #expect(JournalStore.load(files: files).warnings.count == 1)
    }

    @Test func aJournalThatIsAFolderIsAWarningAndIsNotAppendedTo() throws {
        let folder = try TemporaryFolder()
        try folder.makeFolder(JournalStore.path)
        let files = ContainedRoot(folder.root.path)
        let journal = JournalStore.load(files: files)
        #expect(!journal.exists && journal.warnings.count == 1)
        #expect(journal.warnings.first?.contains(JournalStore.path) == true)
        #expect(throws: FileError.self) { try JournalStore.append(Self.events("a"), files: files, holding: try Self.lock(folder)) }

        // A command goes on: the recording says what it could not do, once.
        var recording = JournalRecording(files: files, root: folder.root.path, lock: try Self.lock(folder))
        #expect(recording.append(Self.events("a")) == nil)
        #expect(recording.append(Self.events("b")) == nil)
        #expect(recording.warnings.count == 1)
        #expect(FileSystem.kind(folder.root.appending(path: JournalStore.path).path) == .directory)
    }

    @Test func aJournalLinkedOutOfTheLabIsNeitherReadNorWritten() throws {
        let folder = try TemporaryFolder()
        let outside = try TemporaryFolder()
        try outside.write("journal.jsonl", String(decoding: Self.lines(Self.events("secret")), as: UTF8.self))
        try folder.makeFolder(".lab")
        try folder.link(JournalStore.path, to: outside.root.appending(path: "journal.jsonl").path)
        let files = ContainedRoot(folder.root.path)
        let journal = JournalStore.load(files: files)
        #expect(journal.events.isEmpty && journal.warnings.first?.contains("outside the lab") == true)
        #expect(throws: FileError.self) { try JournalStore.append(Self.events("a"), files: files, holding: try Self.lock(folder)) }
        #expect((try? String(contentsOf: outside.root.appending(path: "journal.jsonl"), encoding: .utf8))?.contains("\"a\"") == false)
    }

    @Test func aRecordingAddsEachEventOnceAndUndoesWhatDidNotHappen() throws {
        let folder = try TemporaryFolder()
        let files = ContainedRoot(folder.root.path)
        var recording = JournalRecording(files: files, root: folder.root.path, lock: try Self.lock(folder), now: Self.at)
        let results = [
            ExerciseResult(id: "a", phase: 1, title: "A", status: .passed, duration: 0.25),
            ExerciseResult(id: "b", phase: 1, title: "B", status: .failed, duration: 0.5),
            ExerciseResult(id: "c", phase: 1, title: "C", status: .skipped),
        ]
        let changes = [ChecklistStore.Change(exercise: "a", title: "A", checked: true)]
        let appended = recording.record(results, ticking: changes, regressions: ["b"])
        #expect(recording.current().events.map { "\($0.kind) \($0.exercise ?? "")" } == ["passed a", "regressed b", "ticked a"])
        #expect(recording.current().events.first?.duration == 0.25)
        // The same results again (a rerun after a kill) add nothing.
        #expect(recording.record(results, ticking: changes, regressions: ["b"]) == nil)
        recording.undo(appended)
        #expect(Self.bytes(folder) == nil && recording.current().events.isEmpty)
    }
}
