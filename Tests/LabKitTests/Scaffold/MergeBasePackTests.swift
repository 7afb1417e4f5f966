import Testing
@testable import LabKit
import LabRuntime

/// `.lab/base/<scaffold>.bases`: every base reads back byte for byte, whatever it holds, and a pack
/// that breaks the format is an error naming its line, never a wrong base.
@Suite struct MergeBasePackTests {
    static let path = ".lab/base/app.bases"

    /// A pack collected in memory.
    struct Collector: ByteSink {
        var bytes: [UInt8] = []
        mutating func append(_ bytes: ArraySlice<UInt8>) { self.bytes += bytes }
        mutating func append(_ text: String) { bytes += Array(text.utf8) }
    }

    static func pack(_ bases: [String: [UInt8]]) -> [UInt8] {
        var collector = Collector()
        MergeBasePack.write(of: "app", bases: bases.mapValues { ($0[...], ContentDigest.sha256($0)) }, to: &collector)
        return collector.bytes
    }

    static func parse(_ bytes: [UInt8]) throws(FileError) -> MergeBasePack {
        try MergeBasePack(parsing: bytes, displayPath: path)
    }

    static func parse(_ text: String) throws(FileError) -> MergeBasePack {
        try parse(Array(text.utf8))
    }

    @Test func everyBaseReadsBackByteForByte() throws {
        let bases: [String: [UInt8]] = [
            "a.txt": Array("one\ntwo\n".utf8),
            "no-newline.txt": Array("no newline at the end".utf8),
            "empty.txt": [],
            "only-newlines.txt": Array("\n\n\n".utf8),
            "binary.dat": [0, 1, 2, 0xFF, 0x0A, 0x0D, 0],
            "looks like a header.txt": Array("file 3 \(String(repeating: "0", count: 64)) x\nabc\n".utf8),
            "crlf.txt": Array("one\r\ntwo\r\n".utf8),
            "sub/dir/deep.txt": Array("deep\n".utf8),
            "with space/ trailing ": Array("spaces\n".utf8),
            "new\nline.txt": Array("a name with a newline\n".utf8),
            "quote\"and\\backslash": Array("q\n".utf8),
            "_root/.github/workflows/lab.yml": Array("on: push\n".utf8),
            "caf\u{E9}/a.txt": Array("composed\n".utf8),
        ]
        let pack = try Self.parse(Self.pack(bases))
        #expect(Set(pack.entries.keys) == Set(bases.keys))
        for (path, bytes) in bases {
            #expect(pack.base(of: path) == bytes, "\(path)")
            #expect(pack.entries[path]?.sha256 == ContentDigest.sha256(bytes))
        }
        #expect(pack.base(of: "missing.txt") == nil)
    }

    @Test func theTextIsSortedAndReadable() {
        let text = String(decoding: Self.pack(["b.txt": Array("bee\n".utf8), "a.txt": Array("ay\n".utf8)]), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("# lab merge bases of scaffold 'app'"))
        #expect(lines[1] == "version 1")
        #expect(lines[2] == "file 3 \(ContentDigest.sha256("ay\n")) a.txt")
        #expect(lines[3] == "ay")
        #expect(lines[4] == "")
        #expect(lines[5] == "file 4 \(ContentDigest.sha256("bee\n")) b.txt")
        #expect(lines[6] == "bee")
    }

    @Test func theSameBasesGiveTheSameBytes() throws {
        let bases: [String: [UInt8]] = Dictionary(uniqueKeysWithValues: (0..<50).map { ("f\($0).txt", Array("file \($0)\n".utf8)) })
        #expect(Self.pack(bases) == Self.pack(bases))
        #expect(try Self.parse(Self.pack(bases)).entries.count == 50)
    }

    @Test func anEmptyFileIsAnEmptyPack() throws {
        #expect(try Self.parse([]).entries.isEmpty)
        #expect(try Self.parse(Self.pack([:])).entries.isEmpty)
    }

    static let sha = ContentDigest.sha256("abc\n")

    /// A pack that does not read: the line named, and what is wrong.
    static let broken: [(text: String, line: Int, reason: String)] = [
        ("version 2\n", 1, "unknown version 2"),
        ("file 4 \(sha) a.txt\nabc\n\n", 1, "expected 'version 1'"),
        ("version 1\nfile 4 \(sha) a.txt\nabc\n", 2, "not 4 bytes long"),
        ("version 1\nfile 4 \(sha) a.txt\nabcdef\n", 2, "not 4 bytes long"),
        ("version 1\nfile 3 \(sha) a.txt\nabc\n\n", 2, "the base of 'a.txt' does not match its SHA-256"),
        ("version 1\nfile 3 \(ContentDigest.sha256("abc")) a.txt\nabc\n\n", 4, "expected 'file SIZE SHA256 PATH'"),
        ("version 1\nfile 2 \(ContentDigest.sha256("x\n")) _root/.git/x\nx\n\n", 2, "a base of '_root/.git/x', but lab never generates a file in '.git/'"),
        ("version 1\nfile 4 \(sha) a.txt\nabc\n\nfile 4 \(sha) a.txt\nabc\n\n", 5, "'a.txt' appears twice"),
        ("version 1\nfile -1 \(sha) a.txt\n", 2, "expected 'file SIZE SHA256 PATH'"),
        ("version 1\nfile 04 \(sha) a.txt\nabc\n\n", 2, "expected 'file SIZE SHA256 PATH'"),
        ("version 1\nfile 4 abc a.txt\nabc\n\n", 2, "expected 'file SIZE SHA256 PATH'"),
        ("version 1\nfile 4 \(sha) ../a.txt\nabc\n\n", 2, "expected 'file SIZE SHA256 PATH'"),
        ("version 1\nfile 4 \(sha) /etc/passwd\nabc\n\n", 2, "expected 'file SIZE SHA256 PATH'"),
        ("version 1\nfile 4 \(sha) a//b.txt\nabc\n\n", 2, "expected 'file SIZE SHA256 PATH'"),
        ("version 1\nfile 99999999999999999999999 \(sha) a.txt\n", 2, "expected 'file SIZE SHA256 PATH'"),
        ("version 1\nfile 9223372036854775807 \(sha) a.txt\nabc\n\n", 2, "not 9223372036854775807 bytes long"),
        ("version 1\nfile 4 \(sha) a.txt", 2, "the last line does not end"),
        ("version 1\n<<<<<<< HEAD\nfile 4 \(sha) a.txt\nabc\n\n", 2, "merge conflict markers"),
        ("version 1\nfile 4 \(sha) a.txt\nabc\n\n=======\n", 5, "merge conflict markers"),
        ("version 1\n\nfile 4 \(sha) a.txt\nabc\n\n", 2, "expected 'file SIZE SHA256 PATH'"),
        ("version 1\r\nfile 4 \(sha) a.txt\r\nabc\r\n\r\n", 1, "its lines end in CR LF"),
        ("version 1\nfile 4 \(sha) a.txt\r\nabc\n\n", 2, "its lines end in CR LF"),
        ("# only a comment\n", 1, "no 'version' line"),
    ]

    @Test(arguments: broken.indices)
    func aBrokenPackNamesItsLine(_ index: Int) {
        let (text, line, reason) = Self.broken[index]
        #expect {
            _ = try Self.parse(text)
        } throws: { error in
            guard let error = error as? FileError else { return false }
            return error.path == Self.path && error.reason.hasPrefix("line \(line): ") && error.reason.contains(reason)
        }
    }

    @Test func aBaseThatNoLongerMatchesItsDigestIsRefusedAtItsLine() throws {
        // Edited by hand, the size kept: the frame still reads, the digest catches it, for every
        // base as the pack is read (a base nobody needs this run would be carried on otherwise).
        var bytes = Self.pack(["a.txt": Array("abc\n".utf8), "b.txt": Array("b\n".utf8)])
        let content = Array("\nb\n".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: content) })
        bytes[at + 1] = UInt8(ascii: "x")
        #expect {
            _ = try Self.parse(bytes)
        } throws: { error in
            (error as? FileError)?.reason.hasPrefix("line 6: the base of 'b.txt' does not match its SHA-256") == true
        }
    }

    /// The pack a plan would leave is measured before anything is written: one too large to read
    /// back is refused.
    @Test func aPackTooLargeToReadBackIsRefusedBeforeAnyWrite() throws {
        let pack = try Self.parse(Self.pack(["kept.txt": Array(repeating: 0x61, count: 400), "gone.txt": Array(repeating: 0x62, count: 400)]))
        let bases = ScaffoldBases(scaffold: "app", pack: pack)
        var added = ScaffoldPlan.FileChange(path: "app/new.txt", action: .create, template: "", inside: "new.txt")
        added.base = .write(Array(repeating: 0x63, count: 300), sha256: "")
        var removed = ScaffoldPlan.FileChange(path: "app/gone.txt", action: .delete, template: "", inside: "gone.txt")
        removed.base = .remove
        // 256 + (400 + 8 + 90) + (300 + 7 + 90) = 1,151 bytes.
        #expect(ScaffoldPlanner.packSizeProblem(bases, changes: [added, removed], limit: 1_151) == nil)
        let problem = ScaffoldPlanner.packSizeProblem(bases, changes: [added, removed], limit: 1_150)
        #expect(problem?.contains("more than lab reads back") == true)
        #expect(ScaffoldPlanner.packSizeProblem(bases, changes: [added], limit: 1_151) != nil, "the removed base counts while it stays")
    }
}

/// Packs are committed: two branches that regenerate different text files give packs that `git
/// merge-file` merges cleanly into a pack holding both; a base changed on both sides gives
/// conflict markers, which reading refuses. (A pack holding a binary base is binary to git, which
/// merges it only when one side left it alone.)
@Suite(.enabled(if: ReferenceTools.isAvailable("git"))) struct MergeBasePackGitTests {
    static func file(_ number: Int, _ changed: String? = nil) -> [UInt8] {
        var lines = (0..<10).map { "line \($0) of file \(number)" }
        if let changed { lines[9] = changed }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func pack(_ bases: [String: [UInt8]]) -> [UInt8] { MergeBasePackTests.pack(bases) }

    @Test func branchesThatChangedDifferentBasesMergeCleanly() throws {
        var base: [String: [UInt8]] = [:]
        for number in 0..<30 { base["f\(number).txt"] = Self.file(number) }
        var ours = base
        ours["f3.txt"] = Self.file(3, "the last line of file 3, longer on this branch")
        ours["f4.txt"] = Self.file(4, "file 4 changed too")
        var theirs = base
        theirs["f20.txt"] = Self.file(20, "20")
        theirs["f25.txt"] = nil
        theirs["new.txt"] = Array("a new file\n".utf8)

        let tool = try ReferenceTools()
        defer { tool.remove() }
        try tool.write(Self.pack(base), to: "base")
        try tool.write(Self.pack(ours), to: "ours")
        try tool.write(Self.pack(theirs), to: "theirs")
        try tool.shell("git merge-file -p ours base theirs > merged; echo $? > status")

        #expect(try tool.status("status") == 0)
        let merged = try MergeBasePack(parsing: tool.read("merged"), displayPath: "merged")
        var expected = ours
        for path in ["f20.txt", "new.txt"] { expected[path] = theirs[path] }
        expected["f25.txt"] = nil
        #expect(Set(merged.entries.keys) == Set(expected.keys))
        for (path, bytes) in expected {
            #expect(merged.base(of: path) == bytes, "\(path)")
        }

        // Both sides changed file 3's last line differently from the base: a conflict in the pack.
        try tool.write(Self.pack(ours.merging(["f3.txt": Self.file(3, "theirs")]) { $1 }), to: "other")
        try tool.shell("git merge-file -p ours base other > conflict; echo $? > conflict-status")
        #expect(try tool.status("conflict-status") > 0, "git merge-file exits with the number of conflicts")
        #expect {
            _ = try MergeBasePack(parsing: tool.read("conflict"), displayPath: "conflict")
        } throws: { error in
            (error as? FileError)?.reason.contains("merge conflict markers") == true
        }
    }
}
