import Foundation
import LabRuntime
import Testing

@testable import LabKit

/// `.lab/state.json`: what is written reads back the same, paths of any shape included, and a
/// state of the previous version still reads.
struct LabStateTests {
    @Test func theStateReadsBackAsItWasWritten() throws {
        var state = LabState()
        state.exercises["dns"] = LabState.Record(result: .passed, at: Date(timeIntervalSince1970: 1_764_161_045), duration: 0.125, fingerprint: "f")
        state.exercises["tls"] = LabState.Record(result: .timedOut, at: Date(timeIntervalSince1970: 1_764_161_000), duration: 3, fingerprint: nil)
        for (index, path) in ["src/a.txt", "with space/and \"quotes\".md", "tab\there", "ünïcödé/ファイル.md", "back\\slash"].enumerated() {
            state.files.set(
                LabState.FileStamp(
                    size: Int64(index * 100), mtime: 1_764_161_045_123_456_789, ctime: -1, inode: UInt64.max - UInt64(index),
                    sha256: String(repeating: "\(index)", count: 64)),
                for: path)
        }
        let text = state.json.rendered(indent: 1)
        let read = try #require(LabState(json: try JSONParser.parse(Array(text.utf8))))
        #expect(read == state)
        #expect(text.contains("\"version\": 2"))
    }

    /// Saved, then loaded as `lab check` loads it (the stamp lines read as the file is parsed).
    @Test func theSavedStateLoadsBackAsItWasSaved() throws {
        let folder = try TemporaryFolder()
        let files = ContainedRoot(folder.root.path)
        var state = LabState()
        state.exercises["dns"] = LabState.Record(result: .passed, at: Date(timeIntervalSince1970: 1_764_161_045), duration: 0.5, fingerprint: "f")
        for (index, path) in ["src/a.txt", "with space/and \"quotes\".md", "tab\there", "caf\u{E9}", "cafe\u{301}", "back\\slash"].enumerated() {
            state.files.set(
                LabState.FileStamp(size: Int64(index), mtime: 10, ctime: 11, inode: UInt64(index), sha256: String(repeating: "\(index)", count: 64)),
                for: path)
        }
        let lock = try LabLock.acquire(root: folder.root, files: files)
        try StateStore.save(state, files: files, holding: lock)
        let loaded = StateStore.load(files: files)
        #expect(loaded.warning == nil)
        #expect(loaded.state == state)
        #expect(loaded.state.files.count == 6)
    }

    @Test func aStateOfVersionOneStillReads() throws {
        let text = """
            {"version": 1, "exercises": {"dns": {"result": "failed", "at": "2026-01-01T10:00:00Z", "duration": 0.1}},
             "files": {"src/a.txt": {"size": 3, "mtime": 10, "ctime": 11, "inode": 12, "sha256": "\(String(repeating: "a", count: 64))"}}}
            """
        let read = try #require(LabState(json: try JSONParser.parse(Array(text.utf8))))
        #expect(read.exercises["dns"]?.result == .failed)
        #expect(read.files["src/a.txt"] == LabState.FileStamp(size: 3, mtime: 10, ctime: 11, inode: 12, sha256: String(repeating: "a", count: 64)))
    }

    /// Every field at its limits reads back; past them, the stamp is skipped (it once trapped).
    @Test func stampsAtTheLimitsOfTheirNumbers() throws {
        let sha = String(repeating: "0123456789abcdef", count: 4)
        let line = "0 -9223372036854775808 9223372036854775807 18446744073709551615 \(sha) p"
        let (path, stamp) = try #require(LabState.stamp(line))
        #expect(path == "p")
        #expect(stamp == LabState.FileStamp(size: 0, mtime: .min, ctime: .max, inode: .max, sha256: sha))
        // Leading zeros add nothing, however many.
        let padded = try #require(LabState.stamp("0000000000000000000000007 -00000000000000000000000001 0 000018446744073709551615 \(sha) p"))
        #expect(padded.1 == LabState.FileStamp(size: 7, mtime: -1, ctime: 0, inode: .max, sha256: sha))
        for bad in [
            "0 -9223372036854775809 0 0 \(sha) p", "0 0 0 18446744073709551616 \(sha) p", "0 0 0 -0- \(sha) p",
            "0 0 0 0 \(sha.uppercased()) p", "0 0 0 0 \(sha.dropLast())g p", "- 0 0 0 \(sha) p",
        ] {
            #expect(LabState.stamp(bad) == nil, "\(bad)")
        }
    }

    @Test(arguments: ["", "1 2 3", "1 2 3 4 short path", "x 2 3 4 \(String(repeating: "a", count: 64)) p", "1 2 3 4 \(String(repeating: "a", count: 64))"])
    func aMalformedStampIsSkipped(_ line: String) {
        #expect(LabState.stamp(line) == nil)
    }
}
