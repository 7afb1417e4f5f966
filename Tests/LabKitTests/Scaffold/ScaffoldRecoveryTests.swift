import Foundation
import Testing
@testable import LabKit
import LabRuntime

/// A `lab scaffold` killed part way leaves every file old or new, and the next run finishes the job
/// without losing an edit.
@Suite struct ScaffoldRecoveryTests {
    let lines = "a\nb\nc\nd\ne\nf\ng\nh\n"

    /// Renders, edits `app/m.txt` (to merge) and changes the template of both files, then applies
    /// the next run only up to `stage`.
    func interrupted(after stage: ScaffoldApplier.Stage) async throws -> ScratchLab {
        let scratch = try ScratchLab()
        try scratch.write("tpl/m.txt", lines)
        try scratch.write("tpl/u.txt", "old\n")
        try await scratch.scaffold()
        try scratch.write("app/m.txt", lines.replacingOccurrences(of: "b\n", with: "B mine\n"))
        try scratch.write("tpl/m.txt", lines.replacingOccurrences(of: "g\n", with: "G tmpl\n"))
        try scratch.write("tpl/u.txt", "new\n")
        let plan = scratch.plan()
        #expect(plan.changes.map(\.action) == [.merged, .update])
        _ = try await ScaffoldApplier.apply(plan, files: ContainedRoot(scratch.root.path), now: Date(), stoppingAfter: stage)
        #expect(scratch.exists(ScaffoldPlanner.journalPath))
        return scratch
    }

    func expectFinished(_ scratch: ScratchLab, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let merged = "a\nB mine\nc\nd\ne\nf\nG tmpl\nh\n"
        #expect(scratch.read("app/m.txt") == merged, sourceLocation: sourceLocation)
        #expect(scratch.read("app/u.txt") == "new\n", sourceLocation: sourceLocation)
        #expect(scratch.base("app", "m.txt") == lines.replacingOccurrences(of: "g\n", with: "G tmpl\n"), sourceLocation: sourceLocation)
        #expect(scratch.base("app", "u.txt") == "new\n", sourceLocation: sourceLocation)
        #expect(!scratch.exists(ScaffoldPlanner.journalPath), sourceLocation: sourceLocation)
        let lock = try ScaffoldLock(parsing: scratch.read(ScaffoldLock.path) ?? "")
        #expect(lock.scaffolds["app"]?.files["u.txt"]?.sha256 == ContentDigest.sha256("new\n"), sourceLocation: sourceLocation)
        // Settled: a further run changes nothing.
        let again = scratch.plan()
        #expect(!again.hasWrites, sourceLocation: sourceLocation)
        #expect(again.changes.map(\.action) == [.keepYours, .unchanged], sourceLocation: sourceLocation)
    }

    @Test func killedAfterTheFilesBeforeTheBases() async throws {
        let scratch = try await interrupted(after: .files)
        let plan = scratch.plan()
        #expect(plan.repairing)
        // The merge the killed run wrote is recognised by the journal, and stands; not merged twice.
        #expect(plan.changes.map(\.action) == [.merged, .unchanged])
        #expect(plan.changes.map(\.resumed) == [true, false])
        #expect(plan.changes.allSatisfy { $0.write == nil })
        try await scratch.scaffold()
        try expectFinished(scratch)
    }

    /// A conflict the killed run wrote, markers and all, before the bases moved on: merged again
    /// from the old base, it got the template's change a second time, markers nested in markers.
    /// Killed at each stage, and killed again while repairing, the end is the uninterrupted run's.
    @Test(arguments: [ScaffoldApplier.Stage.files, .bases])
    func aConflictWrittenBeforeAKillIsNotMergedAgain(_ stage: ScaffoldApplier.Stage) async throws {
        func prepared() async throws -> ScratchLab {
            let scratch = try ScratchLab()
            try scratch.write("tpl/c.txt", lines)
            try await scratch.scaffold()
            try scratch.write("app/c.txt", lines.replacingOccurrences(of: "d\n", with: "D mine\n"))
            try scratch.write("tpl/c.txt", lines.replacingOccurrences(of: "d\n", with: "D tmpl\n"))
            return scratch
        }
        let reference = try await prepared()
        let referencePlan = try await reference.scaffold()
        #expect(referencePlan.changes.map(\.action) == [.conflict(regions: 1)])
        let conflicted = try #require(reference.read("app/c.txt"))
        #expect(conflicted.components(separatedBy: "<<<<<<< yours").count == 2)

        let scratch = try await prepared()
        let files = ContainedRoot(scratch.root.path)
        _ = try await ScaffoldApplier.apply(scratch.plan(), files: files, now: Date(), stoppingAfter: stage)
        // The repair is killed too, as far as it gets.
        let repair = scratch.plan()
        #expect(repair.repairing)
        _ = try await ScaffoldApplier.apply(repair, files: files, now: Date(), stoppingAfter: .files)
        let plan = try await scratch.scaffold()
        #expect(plan.changes.map(\.action) == [.conflict(regions: 1)], "the conflict is still shown, not written again")
        #expect(scratch.read("app/c.txt") == conflicted)
        #expect(scratch.base("app", "c.txt") == reference.base("app", "c.txt"))
        #expect(scratch.read(ScaffoldLock.path) == reference.read(ScaffoldLock.path))
        #expect(!scratch.exists(ScaffoldPlanner.journalPath))
    }

    @Test func killedAfterTheBasesBeforeTheLock() async throws {
        let scratch = try await interrupted(after: .bases)
        try await scratch.scaffold()
        try expectFinished(scratch)
    }

    @Test func killedWhileStagingANewTree() async throws {
        let scratch = try ScratchLab()
        try scratch.write("tpl/a.txt", "a\n")
        try scratch.write(".lab/stage/tree-Ab12Cd/a.txt", "half")
        try await scratch.scaffold()
        #expect(scratch.read("app/a.txt") == "a\n")
        #expect(!scratch.exists(".lab/stage"), "what the killed run staged is cleared")
    }

    @Test func newTreeIsWrittenWhole() async throws {
        let scratch = try ScratchLab()
        try scratch.write("tpl/sub/a.txt", "a\n")
        try scratch.write("tpl/b.sh", "echo\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.root.appending(path: "tpl/b.sh").path)
        try await scratch.scaffold()
        #expect(scratch.read("app/sub/a.txt") == "a\n")
        #expect(scratch.base("app", "sub/a.txt") == "a\n")
        let mode = try FileManager.default.attributesOfItem(atPath: scratch.root.appending(path: "app/b.sh").path)[.posixPermissions] as? Int
        #expect((mode ?? 0) & 0o111 != 0)
        #expect(!scratch.exists(".lab/stage"))
    }

    @Test func lostBasesAreRestoredFromTheRender() async throws {
        let scratch = try ScratchLab()
        try scratch.write("tpl/a.txt", "a\n")
        try await scratch.scaffold()
        try FileManager.default.removeItem(at: scratch.root.appending(path: ".lab/base"))
        let plan = try await scratch.scaffold()
        #expect(plan.changes.map(\.action) == [.unchanged])
        #expect(scratch.base("app", "a.txt") == "a\n")
    }

    @Test func editWithoutABaseGoesBeside() async throws {
        let scratch = try ScratchLab()
        try scratch.write("tpl/a.txt", "a\n")
        try await scratch.scaffold()
        try FileManager.default.removeItem(at: scratch.root.appending(path: ".lab/base"))
        try scratch.write("app/a.txt", "mine\n")
        try scratch.write("tpl/a.txt", "theirs\n")
        let plan = try await scratch.scaffold()
        #expect(plan.changes.map(\.action) == [.conflictBeside(.missingBase)])
        #expect(scratch.read("app/a.txt") == "mine\n")
        #expect(scratch.read("app/a.txt.lab-new") == "theirs\n")
    }

    @Test func nothingToDoWritesNothing() async throws {
        let scratch = try ScratchLab()
        try scratch.write("tpl/a.txt", "a\n")
        try await scratch.scaffold()
        let lockBefore = try FileManager.default.attributesOfItem(atPath: scratch.root.appending(path: ScaffoldLock.path).path)[.modificationDate] as? Date
        let plan = scratch.plan()
        #expect(!plan.hasWrites)
        try await scratch.scaffold()
        let lockAfter = try FileManager.default.attributesOfItem(atPath: scratch.root.appending(path: ScaffoldLock.path).path)[.modificationDate] as? Date
        #expect(lockBefore == lockAfter)
    }
}
