import Foundation
import Synchronization
import Testing

/// `lab status` keeps the outline of a valid `lab.yml` in `.lab/cache/outline`: what it prints
/// from it is what it prints from `lab.yml` itself, and any change to `lab.yml` is seen at once.
@Suite struct StatusOutlineCacheTests {
    static let labFile = """
        lab: Cached Lab
        review: { intervals: [1d] }
        phases:
          - id: 1
            title: Foundations
            weeks: 1–2
            status: in-progress
            exercises:
              - id: processes
                title: Explain processes
                verify: [{ file: notes.md, contains: SIGTERM }]
              - id: first-adr
                title: Write a first ADR
          - id: 2
            title: Cloud
            exercises:
              - id: iam
                title: Least privilege
                verify: [{ run: "true" }]

        """

    func makeLab() throws -> TemporaryLab {
        try TemporaryLab(files: [
            "lab.yml": Self.labFile,
            "docs/phases/phase-01.md": "- [x] Explain processes <!-- lab:processes -->\n- [ ] Write a first ADR <!-- lab:first-adr -->\n",
            // A pass two days ago: its review (after 1d) is due, which status counts from the outline.
            ".lab/journal.jsonl": #"{"at":"2026-01-01T00:00:00Z","event":"passed","exercise":"processes","phase":1}"# + "\n",
        ])
    }

    static let now = ["LAB_NOW": "2026-01-03T00:00:00Z"]

    /// The outline the `lab` under test kept in `lab`: `.lab/cache/outline-` and its build's ID.
    static func outlinePath(_ lab: TemporaryLab) throws -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lab.url(".lab/cache").path)) ?? []
        let outlines = names.filter { $0.hasPrefix("outline-") }
        try #require(outlines.count == 1, "\(names)")
        return ".lab/cache/" + outlines[0]
    }

    static func same(_ one: LabProcess.Result, _ other: LabProcess.Result) -> Bool {
        one.status == other.status && one.stdout == other.stdout && one.stderr == other.stderr
    }

    /// The same output, text and JSON, from `lab.yml` and then from the kept outline.
    @Test func theKeptOutlineGivesTheSameOutput() throws {
        let lab = try makeLab()
        let first = try lab.lab("status", environment: Self.now)
        #expect(first.status == 0, "\(first)")
        let outline = try Self.outlinePath(lab)  // kept after the first run
        #expect(lab.read(".lab/cache/.gitignore")?.split(separator: "\n").contains("*") == true)
        let kept = lab.bytes(outline)
        let second = try lab.lab("status", environment: Self.now)
        #expect(Self.same(second, first), "\(second)")
        #expect(lab.bytes(outline) == kept, "a run that found it does not write it again")
        // Its .gitignore deleted, the next run that finds the outline puts it back.
        let ignore = lab.bytes(".lab/cache/.gitignore")
        try FileManager.default.removeItem(at: lab.url(".lab/cache/.gitignore"))
        #expect(Self.same(try lab.lab("status", environment: Self.now), first))
        #expect(lab.bytes(".lab/cache/.gitignore") == ignore)
        #expect(first.stdout.contains("Next: first-adr — Write a first ADR (phase 1)"), "\(first)")
        #expect(first.stdout.contains("then: lab mark first-adr"), "a manual exercise, as the outline says: \(first)")

        let json = try lab.lab("status", "--json", environment: Self.now)
        try FileManager.default.removeItem(at: lab.url(".lab/cache"))
        let fresh = try lab.lab("status", "--json", environment: Self.now)
        #expect(Self.same(json, fresh), "\(json)")
        #expect(fresh.stdout.contains(#""reviews_due" : 1"#) || fresh.stdout.contains(#""reviews_due":1"#), "\(fresh)")
    }

    /// `lab list` reads and keeps the same outline: the same output, and the same error for a
    /// phase that does not exist, with it and without it.
    @Test func listUsesTheSameOutline() throws {
        let lab = try makeLab()
        for arguments in [["list"], ["list", "--json"], ["list", "2"], ["list", "9"]] {
            try? FileManager.default.removeItem(at: lab.url(".lab/cache"))
            let fresh = try lab.lab(arguments: arguments)
            _ = try Self.outlinePath(lab)
            let kept = try lab.lab(arguments: arguments)
            #expect(Self.same(kept, fresh), "\(arguments): \(kept)")
        }
        #expect(try lab.lab("list", "9").stderr.contains("the phases are 1, 2"))
    }

    /// A change that keeps the size and the modification time is seen all the same: the key is
    /// the content.
    @Test func aChangeToLabYMLIsSeenWhateverItsTimes() throws {
        let lab = try makeLab()
        try lab.lab("status")
        let path = lab.url("lab.yml").path
        let before = try FileManager.default.attributesOfItem(atPath: path)
        try lab.write("lab.yml", Self.labFile.replacingOccurrences(of: "title: Foundations", with: "title: FOUNDATIONS"))
        try FileManager.default.setAttributes([.modificationDate: before[.modificationDate] as Any], ofItemAtPath: path)
        let result = try lab.lab("status")
        #expect(result.stdout.contains("Phase 1  FOUNDATIONS"), "\(result)")
        // And back: the first outline is gone, the second replaced by what lab.yml says now.
        try lab.write("lab.yml", Self.labFile)
        #expect(try lab.lab("status").stdout.contains("Phase 1  Foundations"))
    }

    /// A lab.yml with errors is reported as ever, and nothing is kept for it; the outline kept
    /// for the valid file before it does not hide the errors.
    @Test func anInvalidLabYMLIsReportedNotKept() throws {
        let lab = try makeLab()
        try lab.lab("status")
        let outline = try Self.outlinePath(lab)
        let kept = lab.bytes(outline)
        try lab.write("lab.yml", Self.labFile.replacingOccurrences(of: "    title: Cloud", with: "    titel: Cloud"))
        let result = try lab.lab("status")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("'titel'"), "\(result)")
        #expect(lab.bytes(outline) == kept)
    }

    /// Whatever sits where the outline goes — junk, an outline for another lab.yml, a folder, a
    /// FIFO, a link out of the lab — status prints what lab.yml says, exits 0 and does not hang.
    @Test func whateverSitsWhereTheOutlineGoesStatusReadsLabYML() throws {
        let reference = try makeLab()
        let expected = try reference.lab("status", environment: Self.now)
        let outline = try Self.outlinePath(reference)

        let junk = try makeLab()
        try junk.write(outline, bytes: Array("lab outline 1\n".utf8) + [UInt8](repeating: 0xFF, count: 100))
        #expect(Self.same(try junk.lab("status", environment: Self.now), expected))
        #expect(junk.bytes(outline)?.starts(with: Array("lab outline 1\n".utf8)) == true)

        let other = try makeLab()
        try other.write("lab.yml", Self.labFile.replacingOccurrences(of: "Cached Lab", with: "Another Lab"))
        try other.lab("status")
        try other.write("lab.yml", Self.labFile)
        #expect(Self.same(try other.lab("status", environment: Self.now), expected), "an outline of another lab.yml is not used")

        let folder = try makeLab()
        try FileManager.default.createDirectory(at: folder.url(outline), withIntermediateDirectories: true)
        #expect(Self.same(try folder.lab("status", environment: Self.now), expected))

        let fifo = try makeLab()
        try FileManager.default.createDirectory(at: fifo.url(".lab/cache"), withIntermediateDirectories: true)
        #expect(mkfifo(fifo.url(outline).path, 0o644) == 0)
        #expect(Self.same(try fifo.lab("status", environment: Self.now), expected))

        let outside = try TemporaryLab()
        let linked = try makeLab()
        try FileManager.default.moveItem(at: linked.url(".lab"), to: outside.url("dot-lab"))
        try FileManager.default.createSymbolicLink(atPath: linked.url(".lab").path, withDestinationPath: outside.url("dot-lab").path)
        let before = outside.snapshot()
        // The journal behind the link is not read either, so no review is due: run it twice.
        let linkedFirst = try linked.lab("status", environment: Self.now)
        #expect(linkedFirst.status == 0 && linkedFirst.stdout.contains("Next: first-adr"), "\(linkedFirst)")
        #expect(Self.same(try linked.lab("status", environment: Self.now), linkedFirst))
        #expect(outside.snapshot() == before, "nothing written through a link out of the lab")
    }

    /// Eight `lab status` at once on a lab with no outline yet: each reads lab.yml whole and
    /// keeps the same outline, without the lock; all print the same, and one file is left, with
    /// no temporary file beside it.
    @Test func runsAtOnceKeepOneOutline() throws {
        let lab = try makeLab()
        let expected = try lab.lab("status", environment: Self.now)
        try FileManager.default.removeItem(at: lab.url(".lab/cache"))
        let results = Mutex<[LabProcess.Result]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            if let result = try? lab.lab("status", environment: Self.now) { results.withLock { $0.append(result) } }
        }
        let all = results.withLock { $0 }
        #expect(all.count == 8 && all.allSatisfy { Self.same($0, expected) }, "\(all)")
        let names = try FileManager.default.contentsOfDirectory(atPath: lab.url(".lab/cache").path)
        #expect(names.filter { $0.hasPrefix("outline-") }.count == 1 && names.count == 2, "\(names)")
    }

    /// `lab status` creates no `.lab/` folder: a lab without one (or a file named with `--lab`
    /// in any folder) is read whole each time, and nothing is written.
    @Test func noLabFolderIsCreated() throws {
        let lab = try TemporaryLab(files: ["plan.yml": Self.labFile])
        let first = try lab.lab("--lab", "plan.yml", "status")
        #expect(first.status == 0, "\(first)")
        #expect(Self.same(try lab.lab("--lab", "plan.yml", "list"), try lab.lab("--lab", "plan.yml", "list")))
        #expect(Array(lab.snapshot().keys) == ["plan.yml"] && !lab.exists(".lab"))
    }

    /// A lab that cannot be written to is read whole each time, with nothing reported.
    @Test func aLabThatCannotBeWrittenIsStillShown() throws {
        let lab = try makeLab()
        let expected = try lab.lab("status")
        try FileManager.default.removeItem(at: lab.url(".lab/cache"))
        try FileManager.default.createDirectory(at: lab.url(".lab/cache"), withIntermediateDirectories: true)
        chmod(lab.url(".lab/cache").path, 0o555)
        defer { chmod(lab.url(".lab/cache").path, 0o755) }
        let result = try Unprivileged.lab(["status"], in: lab)
        #expect(result.status == 0 && result.stdout == expected.stdout && result.stderr.isEmpty, "\(result)")
    }
}
