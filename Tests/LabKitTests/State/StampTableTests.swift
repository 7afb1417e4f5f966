import Foundation
import Testing

@testable import LabKit

/// The state's stamps: found by the bytes of their path, replaced in place, written in byte order
/// and read back from those lines as they were.
struct StampTableTests {
    private static func stamp(_ n: Int, digit: Character = "a") -> LabState.FileStamp {
        LabState.FileStamp(
            size: Int64(n), mtime: 1_764_161_045_000_000_000 + Int64(n), ctime: -Int64(n), inode: UInt64(n) * 7,
            sha256: String(repeating: digit, count: 63) + String(n % 10))
    }

    @Test func everyPathIsFoundAndNoOtherAsTheTableGrows() {
        var table = StampTable()
        for n in 0..<5_000 { table.set(Self.stamp(n), for: "src/p\(n / 20)/f\(n).md") }
        #expect(table.count == 5_000)
        for n in stride(from: 0, to: 5_000, by: 7) { #expect(table["src/p\(n / 20)/f\(n).md"] == Self.stamp(n)) }
        #expect(table["src/p0/f20.md"] == nil)
        #expect(table["src/p0/f0.m"] == nil)
        #expect(table[""] == nil)
    }

    @Test func aPathSetAgainKeepsItsLatestStamp() {
        var table = StampTable()
        table.set(Self.stamp(1), for: "a")
        table.set(Self.stamp(2, digit: "b"), for: "a")
        #expect(table.count == 1)
        #expect(table["a"] == Self.stamp(2, digit: "b"))
    }

    /// Two names a String compares equal are two files on disk.
    @Test func canonicallyEquivalentPathsAreTwoFiles() {
        var table = StampTable()
        table.set(Self.stamp(1), for: "caf\u{E9}.md")
        table.set(Self.stamp(2), for: "cafe\u{301}.md")
        #expect(table.count == 2)
        #expect(table["caf\u{E9}.md"] == Self.stamp(1))
        #expect(table["cafe\u{301}.md"] == Self.stamp(2))
    }

    @Test func aDigestThatIsNotLowercaseHexadecimalIsNotKept() {
        var table = StampTable()
        for digest in ["", String(repeating: "A", count: 64), String(repeating: "a", count: 63), String(repeating: "g", count: 64)] {
            table.set(LabState.FileStamp(size: 1, mtime: 1, ctime: 1, inode: 1, sha256: digest), for: "x")
        }
        #expect(table.isEmpty)
    }

    @Test func theDigestIsGivenOnlyWhileTheWholeStampIsTheSame() throws {
        let stamp = Self.stamp(3)
        let table: StampTable = ["f": stamp]
        let digest = try #require(table.digest(of: "f", ifStampIs: LabState.FileStamp(
            size: stamp.size, mtime: stamp.mtime, ctime: stamp.ctime, inode: stamp.inode, sha256: "")))
        #expect(digest.hex == stamp.sha256)
        var moved = [stamp, stamp, stamp, stamp]
        moved[0].size += 1
        moved[1].mtime += 1
        moved[2].ctime += 1
        moved[3].inode += 1
        for other in moved { #expect(table.digest(of: "f", ifStampIs: other) == nil) }
        #expect(table.digest(of: "g", ifStampIs: stamp) == nil)
    }

    @Test func linesAreInTheByteOrderOfTheirPathsAndReadBackTheSame() {
        let paths = ["b", "a/z", "a", "é", "e\u{301}", "a b", "Z", "aa"]
        var table = StampTable()
        for (n, path) in paths.enumerated() { table.set(Self.stamp(n), for: path) }
        let lines = table.lines
        let written = lines.map { String($0.split(separator: " ", maxSplits: 5)[5]) }
        #expect(written.map { Array($0.utf8) } == paths.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        var read = StampTable()
        for var line in lines {
            let added = line.withUTF8 { read.add(line: $0) }
            #expect(added, "\(line)")
        }
        #expect(read == table)
        read.set(Self.stamp(9), for: "a")
        #expect(read != table)
    }
}
