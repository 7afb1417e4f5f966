import Foundation
import LabRuntime
import LabSpec
import Testing

@testable import LabKit

/// The outline `lab status` keeps between runs: its key, its layout read back, and what it makes
/// of files that are not its own.
@Suite struct OutlineCacheTests {
    static let outline = LabOutline(
        name: "Lab <&> ünïcode",
        reviewIntervals: [.seconds(3 * 86_400), .milliseconds(1_500), Duration(secondsComponent: 7, attosecondsComponent: 25)],
        phases: [
            .init(
                id: 1, title: "Foundations — before tools", weeks: "1–2", status: .inProgress, doc: "docs/phases/phase-01.md",
                exercises: [
                    .init(id: "linux-processes", title: "Explain processes", phase: 1, isManual: false),
                    .init(id: "first-adr", title: "", phase: 1, isManual: true),
                ]),
            .init(id: 2, title: "Cloud", weeks: nil, status: .pending, doc: "p2.md", exercises: []),
            .init(id: 30, title: "Done\u{0}with a NUL", weeks: "", status: .done, doc: "docs/phases/phase-30.md",
                  exercises: [.init(id: "x", title: "X", phase: 30, isManual: false)]),
        ])
    static let key = [UInt8](repeating: 0xA5, count: 32)

    @Test func anOutlineReadsBackAsItWasWritten() {
        let bytes = OutlineCache.encode(Self.outline, key: Self.key)
        #expect(OutlineCache.decode(bytes, key: Self.key) == Self.outline)
        let empty = LabOutline(name: "", reviewIntervals: [], phases: [])
        #expect(OutlineCache.decode(OutlineCache.encode(empty, key: Self.key), key: Self.key) == empty)
    }

    @Test func anotherKeyOrLayoutReadsAsAbsent() {
        let bytes = OutlineCache.encode(Self.outline, key: Self.key)
        var otherKey = Self.key
        otherKey[31] ^= 1
        #expect(OutlineCache.decode(bytes, key: otherKey) == nil)
        var otherVersion = bytes
        otherVersion[OutlineCache.magic.count - 2] = UInt8(ascii: "2")
        #expect(OutlineCache.decode(otherVersion, key: Self.key) == nil)
        #expect(OutlineCache.decode(bytes + [0], key: Self.key) == nil, "nothing may follow the last phase")
        #expect(OutlineCache.decode([], key: Self.key) == nil)
    }

    /// Every prefix of a good file, and every one-byte change of it, reads as nil or as some
    /// outline: never a crash, never a hang.
    @Test func aDamagedFileReadsAsAbsentOrAsSomeOutline() {
        let bytes = OutlineCache.encode(Self.outline, key: Self.key)
        for length in 0..<bytes.count {
            #expect(OutlineCache.decode(Array(bytes.prefix(length)), key: Self.key) == nil, "a prefix of \(length) bytes")
        }
        var changedToOtherOutlines = 0
        for index in bytes.indices {
            for value: UInt8 in [0x00, 0x01, 0x7F, 0x80, 0xC3, 0xFF] where bytes[index] != value {
                var damaged = bytes
                damaged[index] = value
                if let read = OutlineCache.decode(damaged, key: Self.key) {
                    #expect(read != Self.outline)
                    changedToOtherOutlines += 1
                }
            }
        }
        // Changes inside a string's bytes still read, as other text: the layout is not a checksum.
        #expect(changedToOtherOutlines > 0)
    }

    @Test func aCountLargerThanTheFileIsRefusedBeforeAnythingIsAllocated() {
        var writer = OutlineCache.Writer()
        writer.bytes = OutlineCache.magic + Self.key
        writer.string("lab")
        writer.count(0)
        writer.count(Int(UInt32.max))
        #expect(OutlineCache.decode(writer.bytes, key: Self.key) == nil)
        var longString = OutlineCache.Writer()
        longString.bytes = OutlineCache.magic + Self.key
        longString.count(Int(UInt32.max))
        #expect(OutlineCache.decode(longString.bytes, key: Self.key) == nil)
    }

    @Test func textThatIsNotUTF8ReadsAsAbsent() {
        var writer = OutlineCache.Writer()
        writer.bytes = OutlineCache.magic + Self.key
        writer.count(2)
        writer.bytes += [0xC3, 0x28]
        writer.count(0)
        writer.count(0)
        #expect(OutlineCache.decode(writer.bytes, key: Self.key) == nil)
    }

    @Test func theKeyFollowsTheBuildLibyamlTheInodeAndEveryByteOfLabYML() throws {
        let lab = Array("lab: A\n".utf8)
        let key = try #require(OutlineCache.key(labFile: lab, inode: 7, build: [1, 2, 3]))
        #expect(key.count == 32)
        #expect(OutlineCache.key(labFile: lab, inode: 7, build: [1, 2, 3]) == key)
        #expect(OutlineCache.key(labFile: lab, inode: 7, build: [1, 2, 4]) != key)
        #expect(OutlineCache.key(labFile: lab, inode: 8, build: [1, 2, 3]) != key, "another file, whatever it holds")
        #expect(OutlineCache.key(labFile: lab, inode: 7, build: [1, 2, 3], libyaml: "9.9.9") != key)
        #expect(OutlineCache.key(labFile: Array("lab: B\n".utf8), inode: 7, build: [1, 2, 3]) != key)
        // The build's bytes are framed by their length: moving a byte across the seam changes the key.
        #expect(OutlineCache.key(labFile: lab, inode: 7, build: [1, 2], libyaml: "3" + LibyamlVersion.text) != key)
        #expect(OutlineCache.key(labFile: lab, inode: 7, build: nil) == nil, "a build that cannot say who it is keeps nothing")
        let anonymous = OutlineCache(files: ContainedRoot(FileManager.default.temporaryDirectory.path), build: nil)
        #expect(anonymous.path == nil && anonymous.key(labFile: lab, inode: 7) == nil)
        #expect(LibyamlVersion.text.split(separator: ".").count == 3, "\(LibyamlVersion.text)")
    }

    /// Values `lab.yml`'s decoder would refuse are refused here too: an outline is only ever
    /// what a valid lab.yml gave.
    @Test func valuesLabYMLCannotHoldReadAsAbsent() {
        func outline(interval: (Int64, Int64) = (86_400, 0), phase: Int = 1, exercisePhase: Int = 1) -> [UInt8] {
            var writer = OutlineCache.Writer()
            writer.bytes = OutlineCache.magic + Self.key
            writer.string("Lab")
            writer.count(1)
            writer.integer(interval.0)
            writer.integer(interval.1)
            writer.count(1)
            writer.integer(Int64(phase))
            writer.string("One")
            writer.bytes.append(0)
            writer.bytes.append(1)
            writer.string("docs/phases/phase-01.md")
            writer.count(1)
            writer.string("a")
            writer.string("A")
            writer.integer(Int64(exercisePhase))
            writer.bytes.append(0)
            return writer.bytes
        }
        #expect(OutlineCache.decode(outline(), key: Self.key) != nil)
        #expect(OutlineCache.decode(outline(interval: (.max, .max)), key: Self.key) == nil)
        #expect(OutlineCache.decode(outline(interval: (-1, 0)), key: Self.key) == nil)
        #expect(OutlineCache.decode(outline(interval: (1_000_000_000, 0)), key: Self.key) == nil)
        #expect(OutlineCache.decode(outline(interval: (1, 1_000_000_000_000_000_000)), key: Self.key) == nil)
        #expect(OutlineCache.decode(outline(phase: 0, exercisePhase: 0), key: Self.key) == nil)
        #expect(OutlineCache.decode(outline(phase: -3, exercisePhase: -3), key: Self.key) == nil)
        #expect(OutlineCache.decode(outline(exercisePhase: 2), key: Self.key) == nil)
    }

    @Test func theRunningBuildHasAnIdentity() throws {
        let build = try #require(BuildIdentity.bytes)
        #expect(build.count >= 8)
        #expect(BuildIdentity.bytes == build)
    }

    @Test func theOutlineOfALabHoldsWhatStatusShows() throws {
        let folder = try TemporaryFolder()
        try folder.write("lab.yml", """
            lab: Outlined
            review: { intervals: [1d, 2w] }
            phases:
              - id: 1
                title: One
                weeks: 1–2
                status: in-progress
                exercises:
                  - id: checked
                    title: Checked
                    verify: [{ run: "true" }]
                  - id: by-hand
                    title: By hand
              - id: 2
                title: Two
                doc: elsewhere/two.md

            """)
        let (_, lab) = try LabLocation(workingDirectory: folder.root).openLab()
        let outline = LabOutline(lab)
        #expect(outline.name == "Outlined")
        #expect(outline.reviewIntervals == [.seconds(86_400), .seconds(14 * 86_400)])
        #expect(outline.phases.map(\.id) == [1, 2])
        #expect(outline.phases[0].weeks == "1–2" && outline.phases[0].status == .inProgress)
        #expect(outline.phases[0].doc == "docs/phases/phase-01.md" && outline.phases[1].doc == "elsewhere/two.md")
        #expect(outline.phases[0].exercises == [
            .init(id: "checked", title: "Checked", phase: 1, isManual: false),
            .init(id: "by-hand", title: "By hand", phase: 1, isManual: true),
        ])
        #expect(outline.exercise(id: "by-hand")?.isManual == true)
        #expect(outline.exercise(id: "missing") == nil)
    }

    @Test func keptThenFoundWithAGitignoreOfItsOwn() throws {
        let folder = try TemporaryFolder()
        try folder.makeFolder(".lab")
        let cache = OutlineCache(files: ContainedRoot(folder.root.path))
        let path = try #require(cache.path)
        #expect(path.hasPrefix(".lab/cache/outline-") && path.count == ".lab/cache/outline-".count + 16)
        #expect(cache.load(key: Self.key) == nil)
        cache.store(Self.outline, key: Self.key)
        #expect(cache.load(key: Self.key) == Self.outline)
        let ignore = try String(contentsOf: folder.root.appending(path: ".lab/cache/.gitignore"), encoding: .utf8)
        #expect(ignore.split(separator: "\n").contains("*"))
        var otherKey = Self.key
        otherKey[0] = 0
        #expect(cache.load(key: otherKey) == nil)
        // Kept again under another key (lab.yml changed): it replaces the first, leaving no
        // temporary file behind.
        cache.store(Self.outline, key: otherKey)
        #expect(cache.load(key: otherKey) == Self.outline && cache.load(key: Self.key) == nil)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.root.appending(path: ".lab/cache").path)
        #expect(Set(names) == [".gitignore", (path as NSString).lastPathComponent])
    }

    /// Builds used side by side keep an outline each; beyond `buildsKept`, the least recently
    /// kept go, never the running build's own.
    @Test func eachBuildKeepsItsOwnAndOnlyTheRecentOnesStay() throws {
        let folder = try TemporaryFolder()
        try folder.makeFolder(".lab")
        let root = ContainedRoot(folder.root.path)
        let builds: [[UInt8]] = (1...6).map { [UInt8](repeating: UInt8($0), count: 20) }
        let first = OutlineCache(files: root, build: builds[0])
        let second = OutlineCache(files: root, build: builds[1])
        let firstKey = try #require(first.key(labFile: [1], inode: 1)), secondKey = try #require(second.key(labFile: [1], inode: 1))
        #expect(first.path != second.path && firstKey != secondKey)
        first.store(Self.outline, key: firstKey)
        second.store(Self.outline, key: secondKey)
        #expect(first.load(key: firstKey) == Self.outline && second.load(key: secondKey) == Self.outline)
        #expect(first.load(key: secondKey) == nil, "one build never reads another's outline")

        for (index, build) in builds.enumerated().dropFirst(2) {
            // Times a second apart, oldest first, whatever the file system's clock granularity.
            for (older, earlier) in builds.prefix(index).enumerated() {
                let file = folder.root.appending(path: try #require(OutlineCache(files: root, build: earlier).path)).path
                if FileManager.default.fileExists(atPath: file) {
                    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000 + Double(older))], ofItemAtPath: file)
                }
            }
            let cache = OutlineCache(files: root, build: build)
            cache.store(Self.outline, key: try #require(cache.key(labFile: [1], inode: 1)))
        }
        let outlines = try FileManager.default.contentsOfDirectory(atPath: folder.root.appending(path: ".lab/cache").path)
            .filter { $0.hasPrefix("outline-") }
        let kept = Set(try builds.suffix(OutlineCache.buildsKept).map { ((try #require(OutlineCache(files: root, build: $0).path)) as NSString).lastPathComponent })
        #expect(Set(outlines) == kept)
    }

    @Test func nothingIsKeptThroughALinkOutOfTheLab() throws {
        let outside = try TemporaryFolder()
        let folder = try TemporaryFolder()
        try folder.link(".lab", to: outside.root.path)
        let cache = OutlineCache(files: ContainedRoot(folder.root.path))
        cache.store(Self.outline, key: Self.key)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.root.path).isEmpty)
        // Nor read through one: a file out of the lab that happens to hold a good outline.
        let inside = try TemporaryFolder()
        try inside.makeFolder(".lab")
        OutlineCache(files: ContainedRoot(inside.root.path)).store(Self.outline, key: Self.key)
        try folder.remove(".lab")
        try folder.link(".lab", to: inside.root.appending(path: ".lab").path)
        #expect(cache.load(key: Self.key) == nil)
    }

    @Test func whatIsNotARegularFileInsideTheLabReadsAsAbsent() throws {
        let folder = try TemporaryFolder()
        try folder.makeFolder(".lab")
        let cache = OutlineCache(files: ContainedRoot(folder.root.path))
        let path = try #require(cache.path)
        try folder.makeFolder(path)
        #expect(cache.load(key: Self.key) == nil)
        cache.store(Self.outline, key: Self.key)  // a folder in the way: nothing kept, nothing thrown
        try folder.remove(path)
        #expect(mkfifo(folder.root.appending(path: path).path, 0o644) == 0)
        #expect(cache.load(key: Self.key) == nil, "a FIFO is not opened for reading")
        try folder.remove(".lab")
        try folder.write(".lab", "a file where the folder should be\n")
        cache.store(Self.outline, key: Self.key)
        #expect(cache.load(key: Self.key) == nil)
    }

    /// Links that stay inside the lab are followed by every other command; not by these files.
    /// A `.lab/cache` linked to a folder of the learner's gets no `.gitignore` of `*` and loses
    /// no file that happens to be named like an outline; an outline linked to a document does
    /// not overwrite it.
    @Test func noLinkIsFollowedEvenInsideTheLab() throws {
        let folder = try TemporaryFolder()
        try folder.makeFolder(".lab")
        try folder.makeFolder("docs/notes")
        for week in 1...6 { try folder.write("docs/notes/outline-000000000000000\(week)", "my notes, week \(week)\n") }
        try folder.link(".lab/cache", to: "../docs/notes")
        let cache = OutlineCache(files: ContainedRoot(folder.root.path))
        cache.store(Self.outline, key: Self.key)
        let notes = try FileManager.default.contentsOfDirectory(atPath: folder.root.appending(path: "docs/notes").path)
        #expect(notes.count == 6 && !notes.contains(".gitignore"), "\(notes)")

        try folder.remove(".lab/cache")
        try folder.makeFolder(".lab/cache")
        let path = try #require(cache.path)
        try folder.write("docs/phases/phase-01.md", "- [x] A <!-- lab:a -->\n")
        try folder.link(path, to: "../../docs/phases/phase-01.md")
        cache.store(Self.outline, key: Self.key)
        #expect(try String(contentsOf: folder.root.appending(path: "docs/phases/phase-01.md"), encoding: .utf8) == "- [x] A <!-- lab:a -->\n")
        #expect(cache.load(key: Self.key) == nil)
        try folder.link(".lab/cache/.gitignore", to: "../../docs/missing.md")
        try folder.remove(path)
        cache.store(Self.outline, key: Self.key)
        #expect(!FileManager.default.fileExists(atPath: folder.root.appending(path: "docs/missing.md").path))
    }

    /// Without a `.lab` folder (a file named with `--lab` anywhere), nothing is created.
    @Test func noLabFolderIsCreated() throws {
        let folder = try TemporaryFolder()
        OutlineCache(files: ContainedRoot(folder.root.path)).store(Self.outline, key: Self.key)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.root.path).isEmpty)
    }

    /// Only files named and made as outlines are removed: not a learner's file put there, not a
    /// file with an outline's name that is something else.
    @Test func onlyOutlinesAreRemoved() throws {
        let folder = try TemporaryFolder()
        try folder.makeFolder(".lab/cache")
        let root = ContainedRoot(folder.root.path)
        for index in 0..<6 { try folder.write(".lab/cache/outline-\(String(repeating: "a", count: 15))\(index)", "not an outline\n") }
        try folder.write(".lab/cache/outline-notes.md", "lab outline 1\nkept\n")
        for build in 1...5 {
            let cache = OutlineCache(files: root, build: [UInt8](repeating: UInt8(build), count: 20))
            cache.store(Self.outline, key: try #require(cache.key(labFile: [1], inode: 1)))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.root.appending(path: ".lab/cache").path)
        #expect(names.filter { $0.hasPrefix("outline-aaaa") }.count == 6)
        #expect(names.contains("outline-notes.md"))
        #expect(names.filter { OutlineCache.isOutlineName($0) && !$0.hasPrefix("outline-aaaa") }.count == OutlineCache.buildsKept)
    }
}
