import Foundation
import LabRuntime
import LabSpec
import Testing

@testable import LabKit

/// Fingerprints: each file stamped once per run however many exercises name it, what changes them
/// and what does not, and `**` keeping out of what `.gitignore` ignores.
@Suite struct FingerprinterTests {
    static func exercise(_ id: String, sources: [String], run: String = "true") -> Exercise {
        Exercise(id: id, phase: 1, title: id, sources: sources, verify: [Step(action: .run(run))])
    }

    static func tree(files: Int) throws -> TemporaryFolder {
        let tree = try TemporaryFolder()
        for index in 0..<files { try tree.write("src/p\(index / 20)/f\(index).txt", "content \(index)\n") }
        return tree
    }

    @Test func sharedPatternsAreWalkedAndEachFileStampedOnce() throws {
        let tree = try Self.tree(files: 100)
        let fingerprinter = Fingerprinter(root: tree.root, stamps: [:])
        let exercises = (0..<50).map { Self.exercise("e\($0)", sources: ["src/**"], run: "echo \($0)") }
        let fingerprints = exercises.map { fingerprinter.fingerprint(of: $0, defaults: Lab.Defaults()) }
        #expect(Set(fingerprints).count == 50, "the definitions differ, so do the fingerprints")
        #expect(fingerprinter.filesStamped == 100, "100 files, stamped once each for 50 exercises")
    }

    /// Patterns walked and files stamped side by side give the fingerprints, stamps and counts of
    /// one worker taking one exercise at a time: overlapping patterns, a pattern named twice,
    /// unreadable files, stamps known and unknown, files old and just written.
    @Test(arguments: [2, 3, 8])
    func workersSideBySideGiveWhatOneWorkerGives(width: Int) throws {
        let tree = try Self.tree(files: 1200)
        // Unreadable, unless the tests run as root.
        try tree.write("src/p0/locked.txt", "secret\n")
        chmod(tree.root.appending(path: "src/p0/locked.txt").path, 0)
        let old = Date().addingTimeInterval(-3600)
        for index in stride(from: 0, to: 1200, by: 3) {
            try FileManager.default.setAttributes(
                [.modificationDate: old], ofItemAtPath: tree.root.appending(path: "src/p\(index / 20)/f\(index).txt").path)
        }
        let later = Date().addingTimeInterval(10)
        // Known stamps for some files, taken from an earlier run of one worker over half the tree.
        let earlier = Fingerprinter(root: tree.root, stamps: [:], now: later, width: 1)
        _ = earlier.fingerprint(of: Self.exercise("seed", sources: ["src/p1*/**"]), defaults: Lab.Defaults())
        let stamps = earlier.updatedStamps
        #expect(!stamps.isEmpty)

        let exercises = [
            Self.exercise("a", sources: ["src/**"]),
            Self.exercise("b", sources: ["src/p1/*", "src/p1*/**"]),
            Self.exercise("c", sources: ["src/**/f1*.txt", "src/p5*/**", "src/**"]),
            Self.exercise("d", sources: ["missing/**", "src/p0/locked.txt"]),
            Self.exercise("e", sources: ["src/p3/f61.txt", "src/p3/*"]),
        ]
        let one = Fingerprinter(root: tree.root, stamps: stamps, now: later, width: 1)
        let expected = exercises.map { one.fingerprint(of: $0, defaults: Lab.Defaults()) }
        let many = Fingerprinter(root: tree.root, stamps: stamps, now: later, width: width)
        many.prepare(patterns: exercises.flatMap(\.sources))
        #expect(exercises.map { many.fingerprint(of: $0, defaults: Lab.Defaults()) } == expected)
        #expect(many.filesStamped == one.filesStamped)
        #expect(many.filesStamped == 1201, "every file once")
        #expect(many.updatedStamps == one.updatedStamps)
        // A batch after the first: files it names again are not stamped again.
        many.prepare(patterns: ["src/p2/*", "src/p2*/**"])
        #expect(many.filesStamped == 1201)
        let alone = Fingerprinter(root: tree.root, stamps: stamps, now: later, width: width)
        #expect(alone.fingerprint(of: Self.exercise("f", sources: ["src/p2*/**"]), defaults: Lab.Defaults())
            == many.fingerprint(of: Self.exercise("f", sources: ["src/p2*/**"]), defaults: Lab.Defaults()))
    }

    @Test func aChangedFileChangesTheFingerprintAndAnUnchangedStampIsTrusted() throws {
        let tree = try Self.tree(files: 10)
        let exercise = Self.exercise("e", sources: ["src/**/*.txt"])
        let old = Date().addingTimeInterval(-3600)
        for index in 0..<10 {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: tree.root.appending(path: "src/p0/f\(index).txt").path)
        }
        let first = Fingerprinter(root: tree.root, stamps: [:])
        let before = first.fingerprint(of: exercise, defaults: Lab.Defaults())
        // ctime moved when the times were set: not racy once it is old enough.
        let stamps = first.updatedStamps
        let second = Fingerprinter(root: tree.root, stamps: stamps, now: Date().addingTimeInterval(10))
        #expect(second.fingerprint(of: exercise, defaults: Lab.Defaults()) == before)
        try tree.write("src/p0/f3.txt", "changed\n")
        let third = Fingerprinter(root: tree.root, stamps: stamps, now: Date().addingTimeInterval(10))
        #expect(third.fingerprint(of: exercise, defaults: Lab.Defaults()) != before)
    }

    /// Definitions hashed ahead (while the sources are walked) give the same fingerprints.
    @Test func definitionsHashedAheadGiveTheSameFingerprints() throws {
        let tree = try Self.tree(files: 30)
        let exercises = [
            Self.exercise("a", sources: ["src/**"]), Self.exercise("b", sources: ["src/p0/*", "src/**/f1*.txt"]),
            Self.exercise("c", sources: []),
        ]
        let plain = Fingerprinter(root: tree.root)
        let ahead = Fingerprinter(root: tree.root)
        ahead.definitions = Fingerprinter.definitionHashers(of: exercises, defaults: Lab.Defaults())
        #expect(ahead.definitions.keys.sorted() == ["a", "b"], "only what has sources")
        for exercise in exercises {
            #expect(ahead.fingerprint(of: exercise, defaults: Lab.Defaults()) == plain.fingerprint(of: exercise, defaults: Lab.Defaults()))
        }
    }

    /// Two names a String compares equal are two files: each gets its own stamp, and the next
    /// run trusts both.
    @Test func canonicallyEquivalentNamesKeepAStampEach() throws {
        let tree = try TemporaryFolder()
        try tree.write("src/caf\u{E9}.md", "composed\n")
        try tree.write("src/cafe\u{301}.md", "decomposed, and longer\n")
        let old = Date().addingTimeInterval(-3600)
        for name in ["caf\u{E9}.md", "cafe\u{301}.md"] {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: tree.root.appending(path: "src/" + name).path)
        }
        let exercise = Self.exercise("e", sources: ["src/*"])
        let first = Fingerprinter(root: tree.root, now: Date().addingTimeInterval(10))
        let fingerprint = first.fingerprint(of: exercise, defaults: Lab.Defaults())
        #expect(first.updatedStamps.count == 2)
        #expect(first.updatedStamps["src/caf\u{E9}.md"]?.size == 9)
        #expect(first.updatedStamps["src/cafe\u{301}.md"]?.size == 23)
        let second = Fingerprinter(root: tree.root, stamps: first.updatedStamps, now: Date().addingTimeInterval(10))
        #expect(second.fingerprint(of: exercise, defaults: Lab.Defaults()) == fingerprint)
        #expect(second.updatedStamps.isEmpty, "both trusted by their stamps")
    }

    @Test func aFileChangedJustNowIsNotTrustedByItsStamp() throws {
        let tree = try Self.tree(files: 1)
        let fingerprinter = Fingerprinter(root: tree.root, stamps: [:])
        _ = fingerprinter.fingerprint(of: Self.exercise("e", sources: ["src/**"]), defaults: Lab.Defaults())
        #expect(fingerprinter.updatedStamps.isEmpty, "written a moment ago: hashed again next run")
    }

    @Test func starStarKeepsOutOfWhatGitignoreIgnores() throws {
        let tree = try TemporaryFolder()
        for path in [
            "src/a.tf", "src/.terraform/modules/m.tf", "src/node_modules/x/index.js", "src/node_modules/y.tf",
            "src/build/out.tf", "src/build/keep/k.tf", "src/dist/d.tf", "src/sub/dist/d.tf", "src/sub/cache/c.tf",
            "src/sub/local/l.tf", "src/sub/kept.tf",
        ] {
            try tree.write(path, "x\n")
        }
        try tree.write(".gitignore", "# dependencies\nnode_modules/\nbuild/\n!build/keep/\n/src/dist\n**/cache\n")
        try tree.write("src/sub/.gitignore", "local\n")
        // Each pattern with rules of its own, and all three sharing one lister and one set of
        // rules, as the fingerprints of one run do (the rules then skip the `.gitignore` of a
        // folder the walk listed without one).
        let shared = DirectoryLister()
        let sharedRules = IgnoreRules(root: tree.root.path, lister: shared)
        for sharing in [false, true] {
            func files(_ pattern: String) -> [String] {
                sharing
                    ? Glob(pattern).files(in: tree.root.path, lister: shared, ignoring: sharedRules)
                    : Glob(pattern).files(in: tree.root.path, lister: DirectoryLister(), ignoring: IgnoreRules(root: tree.root.path))
            }
            // build/ is ignored, so build/keep stays ignored too, as in git: a folder's children
            // cannot be re-included once it is excluded.
            #expect(files("src/**/*.tf") == ["src/a.tf", "src/sub/dist/d.tf", "src/sub/kept.tf"])
            #expect(files("src/node_modules") == ["src/node_modules/x/index.js", "src/node_modules/y.tf"], "a folder named literally is entered whole")
            #expect(files("src/node_modules/**/*.js") == ["src/node_modules/x/index.js"], "a pattern that names the folder walks below it")
        }
    }

    /// Rules of an inner `.gitignore` apply below its folder, anchored there when they hold a
    /// slash; a later `!` re-includes; a folder without a `.gitignore` adds nothing.
    @Test func innerGitignoreFilesAnchorAtTheirFolder() throws {
        let tree = try TemporaryFolder()
        for path in ["a/x/1.tf", "a/b/x/2.tf", "a/b/c/x/3.tf", "a/gen/4.tf", "a/gen/keep/5.tf", "b/x/6.tf", "b/gen/7.tf"] {
            try tree.write(path, "x\n")
        }
        try tree.write("a/.gitignore", "/x\ngen*\n!gen\n")
        try tree.write("a/b/.gitignore", "c/x\n")
        let lister = DirectoryLister()
        let files = Glob("**/*.tf").files(in: tree.root.path, lister: lister, ignoring: IgnoreRules(root: tree.root.path, lister: lister))
        #expect(files == ["a/b/x/2.tf", "a/gen/4.tf", "a/gen/keep/5.tf", "b/gen/7.tf", "b/x/6.tf"])
    }
}
