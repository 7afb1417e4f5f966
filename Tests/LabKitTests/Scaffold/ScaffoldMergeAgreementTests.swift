import Foundation
import Testing
@testable import LabKit

/// Regeneration merges as `git merge-file` does: on generated three-way cases, the file `lab
/// scaffold` leaves is byte for byte what git prints (clean merges and conflict markers alike).
@Suite struct ScaffoldMergeAgreementTests {
    static let gitAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/git")
        || (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/git")
        }

    /// `git merge-file -p` of the three texts, with lab's labels.
    static func gitMerge(base: [UInt8], ours: [UInt8], theirs: [UInt8], in folder: URL) throws -> (bytes: [UInt8], conflicts: Int32) {
        let files = ["ours", "base", "theirs"].map { folder.appending(path: $0) }
        for (url, bytes) in zip(files, [ours, base, theirs]) { try Data(bytes).write(to: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "merge-file", "-p", "-L", "yours", "-L", "base", "-L", "template"] + files.map(\.path)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ([UInt8](data), process.terminationStatus)
    }

    @Test(.enabled(if: gitAvailable), arguments: 0..<4)
    func regenerationMergesLikeGit(batch: Int) async throws {
        let scratch = try ScratchLab()
        let gitFolder = scratch.root.appending(path: "git")
        try FileManager.default.createDirectory(at: gitFolder, withIntermediateDirectories: true)
        var edits = GeneratedEdits(seed: UInt64(batch) &+ 0x5EED)
        var cleanCases = 0
        var conflictedCases = 0
        for index in 0..<25 {
            let path = "f\(index).txt"
            let base = edits.lines(count: edits.number(in: 4...13))
            // Each side writes lines of its own, so the two edits never coincide by chance.
            let ours = edits.edit(base, edits: 1...3, tag: "mine")
            let theirs = edits.edit(base, edits: 1...3, tag: "tmpl")
            let finalNewline = !edits.chance(0.25)
            func bytes(_ lines: [String]) -> [UInt8] { GeneratedEdits.bytes(lines, finalNewline: finalNewline) }
            let (b, o, t) = (bytes(base), bytes(ours), bytes(theirs))
            guard o != b, t != b, o != t else { continue }
            try scratch.write("tpl/\(path)", b)
            try await scratch.scaffold()
            try scratch.write("app/\(path)", o)
            try scratch.write("tpl/\(path)", t)
            let plan = try await scratch.scaffold()
            let expected = try Self.gitMerge(base: b, ours: o, theirs: t, in: gitFolder)
            let action = plan.changes.first { $0.path == "app/\(path)" }?.action
            let got = scratch.bytes("app/\(path)") ?? []
            #expect(got == expected.bytes, "seed batch \(batch) case \(index): action \(String(describing: action))\n--- lab\n\(String(decoding: got, as: UTF8.self))--- git\n\(String(decoding: expected.bytes, as: UTF8.self))")
            if expected.conflicts == 0 {
                cleanCases += 1
                #expect(action == .merged || action == .keepYours, "case \(index): \(String(describing: action))")
            } else {
                conflictedCases += 1
                #expect(action == .conflict(regions: Int(expected.conflicts)), "case \(index): \(String(describing: action))")
            }
            // Resolve, so the next case starts from a clean tree.
            try FileManager.default.removeItem(at: scratch.root.appending(path: "app/\(path)"))
            try FileManager.default.removeItem(at: scratch.root.appending(path: "tpl/\(path)"))
        }
        #expect(cleanCases > 0, "the generator makes clean merges too")
        #expect(conflictedCases > 0, "the generator makes conflicts too")
    }
}
