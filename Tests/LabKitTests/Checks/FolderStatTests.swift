import Foundation
import LabRuntime
import LabSpec
import Testing

@testable import LabKit

/// Files stat'ed and opened through their folder's descriptor: folders told apart byte for byte,
/// the stat and the content always of one file, no descriptor left open.
@Suite struct FolderStatTests {
    /// `é` and `e` + U+0301: equal Strings, two folders side by side.
    @Test func canonicallyEquivalentFoldersAreTwoFolders() throws {
        let tree = try TemporaryFolder()
        try tree.write("\u{E9}/a", "a\n")
        try tree.write("e\u{301}/b", "b\n")
        let stats = FolderStat(root: tree.root.path)
        var info = stat()
        #expect(stats.read("\u{E9}/a", into: &info))
        #expect(stats.read("e\u{301}/b", into: &info))
        #expect(!stats.read("e\u{301}/a", into: &info))
    }

    /// Through the fingerprints, as a run takes them (every pattern prepared at once): an edit in
    /// either folder changes the fingerprint, with one worker or several.
    @Test(arguments: [1, 4])
    func anEditInEitherOfTwoEquivalentFoldersIsSeen(width: Int) throws {
        let tree = try TemporaryFolder()
        try tree.write("src/\u{E9}/a", "a\n")
        try tree.write("src/e\u{301}/a", "a\n")
        let exercise = FingerprinterTests.exercise("e", sources: ["src/\u{E9}/a", "src/e\u{301}/a", "src/**"])
        func fingerprint() -> String {
            let fingerprinter = Fingerprinter(root: tree.root, stamps: [:], width: width)
            fingerprinter.prepare(patterns: exercise.sources)
            return fingerprinter.fingerprint(of: exercise, defaults: Lab.Defaults())
        }
        let before = fingerprint()
        try tree.write("src/e\u{301}/a", "changed\n")
        let afterOne = fingerprint()
        try tree.write("src/\u{E9}/a", "changed\n")
        #expect(before != afterOne)
        #expect(afterOne != fingerprint())
    }

    /// A folder moved away while its files are read: what is opened is the file that was stat'ed,
    /// so a stamp is never paired with another file's content.
    @Test func aFolderMovedMeanwhileGivesTheStatAndTheContentOfOneFile() throws {
        let tree = try TemporaryFolder()
        let root = tree.root.path
        try tree.write("d/a", "old\n")
        let stats = FolderStat(root: root)
        var stamped = stat()
        #expect(stats.read("d/a", into: &stamped))
        #expect(rename(root + "/d", root + "/d.old") == 0)
        try tree.write("d/a", "new and longer\n")
        var seen = stat()
        #expect(stats.read("d/a", into: &seen))
        let descriptor = stats.open("d/a")
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var opened = stat()
        #expect(fstat(descriptor, &opened) == 0)
        #expect(opened.st_ino == seen.st_ino && opened.st_size == seen.st_size)
    }

    /// However many workers stamp, every descriptor they open is closed: none of this process's
    /// descriptors still points into the tree (other tests open and close their own meanwhile, so
    /// only these are counted).
    @Test func noDescriptorIsLeftOpen() throws {
        let tree = try FingerprinterTests.tree(files: 1500)
        let root = tree.root.resolvingSymlinksInPath().path
        func openInTree() -> [String] {
            let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            return descriptors.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0) }
                .filter { $0.hasPrefix(root) }
        }
        for width in [1, 2, 8] {
            let fingerprinter = Fingerprinter(root: tree.root, stamps: [:], now: Date().addingTimeInterval(10), width: width)
            fingerprinter.prepare(patterns: ["src/**", "src/p1*/**", "src/p2/*"])
            #expect(fingerprinter.filesStamped == 1500)
        }
        #expect(openInTree().isEmpty, "\(openInTree())")
    }
}

/// Keys that compare paths byte for byte.
@Suite struct PathKeyTests {
    @Test func equalOnlyWhenTheBytesAre() {
        let pairs: [(String, String, Bool)] = [
            ("\u{E9}", "e\u{301}", false), ("\u{E9}", "\u{E9}", true), ("", "", true), ("a", "", false),
            ("short", "short", true), (String(repeating: "long/", count: 10), String(repeating: "long/", count: 10), true),
            (String(repeating: "long/", count: 10), String(repeating: "long/", count: 10) + "x", false),
        ]
        for (left, right, equal) in pairs {
            #expect((PathKey(left) == PathKey(right)) == equal, "\(left.debugDescription) \(right.debugDescription)")
            #expect(PathKey.sameBytes(left[...], right) == equal)
            if equal { #expect(PathKey(left).hashValue == PathKey(right).hashValue) }
        }
        #expect(Set([PathKey("\u{E9}"), PathKey("e\u{301}")]).count == 2)
        // A bridged or non-contiguous text still compares by its bytes.
        let bridged = NSString(string: "caf\u{E9}") as String
        #expect(PathKey(bridged) == PathKey("caf\u{E9}"))
        #expect(PathKey(bridged) != PathKey("cafe\u{301}"))
    }
}
