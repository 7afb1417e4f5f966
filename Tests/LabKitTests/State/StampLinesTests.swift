import Foundation
import Testing

@testable import LabKit

/// The state's stamp lines read where they lie give what the JSON reading gives: for states as
/// `lab` writes them, and for the same files damaged byte by byte.
struct StampLinesTests {
    /// A deterministic generator, so that a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = ["src", "a.txt", "ünï", "ファイル", "with space", "x", "deep/er", ".hidden", "tab\there", "q\"uote", "back\\slash", "nl\nline"]

    static func state(_ random: inout Generator, files: Int, plainOnly: Bool) -> LabState {
        var state = LabState()
        state.exercises["e1"] = LabState.Record(result: .passed, at: Date(timeIntervalSince1970: 1_764_161_045), duration: 0.5, fingerprint: "f")
        let pieces = plainOnly ? Array(Self.pieces.prefix(8)) : Self.pieces
        for index in 0..<files {
            let path = (0..<Int.random(in: 1...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined(separator: "/") + "-\(index)"
            let hex = (0..<64).map { _ in "0123456789abcdef".randomElement(using: &random)! }
            state.files[path] = LabState.FileStamp(
                size: Int64.random(in: 0...1 << 40, using: &random), mtime: Int64.random(in: -1...Int64.max, using: &random),
                ctime: Int64.random(in: Int64.min...Int64.max, using: &random), inode: UInt64.random(in: 0...UInt64.max, using: &random),
                sha256: String(hex))
        }
        return state
    }

    static func bytes(_ state: LabState) -> [UInt8] { Array((state.json.rendered(indent: 1) + "\n").utf8) }

    static func same(_ bytes: [UInt8]) -> Bool {
        let fast = StateStore.decode(bytes)
        let general = StateStore.decode(bytes, fast: false)
        return fast.state == general.state && fast.warning == general.warning && fast.outdated == general.outdated
    }

    @Test func aStateAsLabWritesItIsReadInPlaceAndTheSame() {
        var random = Generator(state: 1)
        for files in [1, 2, 50, 2000] {
            let state = Self.state(&random, files: files, plainOnly: true)
            let bytes = Self.bytes(state)
            #expect(StampLines(bytes) != nil, "read in place")
            #expect(StateStore.decode(bytes).state == state)
            #expect(Self.same(bytes))
        }
    }

    @Test func escapedPathsAreReadAsJSONAndTheSame() {
        var random = Generator(state: 2)
        let state = Self.state(&random, files: 300, plainOnly: false)
        let bytes = Self.bytes(state)
        #expect(StampLines(bytes) == nil, "a path with an escape: the whole file as JSON")
        #expect(StateStore.decode(bytes).state == state)
    }

    @Test func noStampsNoLines() {
        var state = LabState()
        state.exercises["e"] = LabState.Record(result: .failed, at: Date(timeIntervalSince1970: 0), duration: 1, fingerprint: nil)
        #expect(StampLines(Self.bytes(state)) == nil)
        #expect(StateStore.decode(Self.bytes(state)).state == state)
    }

    /// States no `lab` writes, where the first stamp lines are not the top-level `files` the JSON
    /// reader takes: inside an exercise, after an earlier `files` key, nested past the reader's
    /// depth limit.
    @Test(arguments: [
        "{\n \"version\": 2,\n \"exercises\": {\"e\": {\"result\": \"passed\", \"at\": \"2025-01-01T00:00:00Z\", \"duration\": 1,\n \"files\": [\n  \"1 2 3 4 SHA nested.txt\"\n ]}},\n \"files\": []\n}\n",
        "{\n \"version\": 2,\n \"exercises\": {},\n \"files\": [],\n \"files\": [\n  \"1 2 3 4 SHA second.txt\"\n ]\n}\n",
        "{\n \"version\": 2,\n \"exercises\": {},\n \"files\": [\n  \"1 2 3 4 SHA first.txt\"\n ],\n \"files\": [\n  \"1 2 3 4 SHA second.txt\"\n ]\n}\n",
        "{\n \"version\": 2,\n \"exercises\": {},\n \"x\": " + String(repeating: "[", count: 61) + "{\n \"files\": [\n  \"1 2 3 4 SHA deep.txt\"\n ]}"
            + String(repeating: "]", count: 61) + ",\n \"files\": []\n}\n",
        "{\n \"version\": 2,\n \"exercises\": {},\n \"note\": \"a\n \"files\": [\n  \"1 2 3 4 SHA in-a-string.txt\"\n ]\",\n \"files\": []\n}\n",
    ])
    func stampLinesThatAreNotTheStateFilesAreNotTaken(_ text: String) {
        let bytes = Array(text.replacingOccurrences(of: "SHA", with: String(repeating: "a", count: 64)).utf8)
        #expect(Self.same(bytes))
    }

    /// Damaged files: every byte changed, removed or doubled somewhere, the result is the same
    /// either way (a state, or the same refusal).
    @Test func damagedFilesReadTheSameBothWays() {
        var random = Generator(state: 3)
        let original = Self.bytes(Self.state(&random, files: 12, plainOnly: true))
        let replacements: [UInt8] = [0x22, 0x5C, 0x0A, 0x20, 0x2C, 0x5D, 0x5B, 0x30, 0x39, 0x61, 0x67, 0x2D, 0xFF, 0xC3, 0x00, 0x7B, 0x7D]
        var differing: [String] = []
        var readInPlace = 0
        for trial in 0..<3000 {
            var bytes = original
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch trial % 3 {
            case 0: bytes[at] = replacements.randomElement(using: &random)!
            case 1: bytes.remove(at: at)
            default: bytes.insert(replacements.randomElement(using: &random)!, at: at)
            }
            if StampLines(bytes) != nil { readInPlace += 1 }
            if !Self.same(bytes) { differing.append("trial \(trial): byte \(at)") }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
        #expect(readInPlace > 1000, "most damage lands in the stamp lines, which are still read in place")
    }
}
