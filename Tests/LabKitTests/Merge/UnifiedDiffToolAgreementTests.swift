import Foundation
import Testing

@testable import LabKit

/// Differential tests: our unified diffs against `diff -u` and `git diff` on generated edits.
struct UnifiedDiffToolAgreementTests {
    struct Case {
        var old: [UInt8]
        var new: [UInt8]
    }

    static func generate(seed: UInt64) -> Case {
        var edits = GeneratedEdits(seed: seed)
        let oldLines = edits.lines(count: edits.number(in: 0...30))
        let newLines = edits.edit(oldLines, edits: 0...5)
        return Case(
            old: GeneratedEdits.bytes(oldLines, finalNewline: !edits.chance(0.15)),
            new: GeneratedEdits.bytes(newLines, finalNewline: !edits.chance(0.15)))
    }

    static let seeds = UInt64(1)...200

    /// git starts slower than diff; fewer cases keep the suite quick, and git's hunks must match
    /// exactly anyway.
    static let gitSeeds = UInt64(1)...100

    /// The lines from the first hunk header on, with any function context after a header dropped.
    static func hunkLines(_ diff: String) -> [Substring] {
        let lines = diff.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { $0.hasPrefix("@@ ") }) else { return [] }
        return lines[first...].map { line in
            guard line.hasPrefix("@@ "), let end = line.dropFirst(3).range(of: " @@") else { return line }
            return line[..<end.upperBound]
        }
    }

    /// Applies the hunks of `diff` to `old`, checking every context and removed line on the way;
    /// nil when a hunk does not fit.
    static func apply(_ diff: String, to old: [UInt8]) -> [UInt8]? {
        let file = TextLines(old)
        let lines = hunkLines(diff)
        var output: [UInt8] = []
        var next = 0
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.isEmpty { continue }
            if line.hasPrefix("@@ ") {
                let range = line.split(separator: " ")[1].dropFirst().split(separator: ",")
                guard let start = range.first.flatMap({ Int($0) }) else { return nil }
                let count = range.count > 1 ? Int(range[1]) ?? 0 : 1
                let first = count == 0 ? start : start - 1
                guard first >= next, first <= file.count else { return nil }
                output += file.bytes(of: next..<first)
                next = first
                continue
            }
            // The line's own bytes, with the terminator the diff says it has.
            var content = Array(line.dropFirst().utf8)
            if index < lines.count, lines[index].hasPrefix("\\ ") {
                index += 1
            } else {
                content.append(UInt8(ascii: "\n"))
            }
            switch line.first {
            case " ", "-":
                guard next < file.count, Array(file[next]) == content else { return nil }
                if line.first == " " { output += content }
                next += 1
            case "+":
                output += content
            default:
                return nil
            }
        }
        output += file.bytes(of: next..<file.count)
        return output
    }

    /// Writes every case, runs `command` (a shell command reading `old` and `new` and writing `out`)
    /// in each case's folder, and returns each case with the tool's output.
    static func run(_ command: String, seeds: ClosedRange<UInt64>) throws -> [(Case, String)] {
        let tool = try ReferenceTools()
        defer { tool.remove() }
        let cases = seeds.map(generate)
        for (number, generated) in cases.enumerated() {
            try tool.write(generated.old, to: "\(number)/old")
            try tool.write(generated.new, to: "\(number)/new")
        }
        try tool.shell("for n in $(seq 0 \(cases.count - 1)); do (cd $n && \(command)); done")
        return try cases.enumerated().map { number, generated in
            (generated, String(decoding: try tool.read("\(number)/out"), as: UTF8.self))
        }
    }

    @Test(.enabled(if: ReferenceTools.isAvailable("diff"), "diff is not on PATH"))
    func agreesWithDiffU() throws {
        var identical = 0
        var differentButEquivalent = 0
        for (number, (generated, reference)) in try Self.run("diff -u old new > out", seeds: Self.seeds).enumerated() {
            let ours = UnifiedDiff.make(old: generated.old, new: generated.new, oldLabel: "old", newLabel: "new")
            #expect(ours.isEmpty == reference.isEmpty, "case \(number): only one side sees a difference")
            #expect(Self.apply(ours, to: generated.old) == generated.new, "case \(number): our diff does not apply")
            let ourLines = Self.hunkLines(ours)
            let referenceLines = Self.hunkLines(reference)
            if ourLines == referenceLines {
                identical += 1
            } else {
                // Where several minimal diffs exist, diff and git may slide a run of equal lines to
                // different places; the size of the change must still be the same.
                func changed(_ lines: [Substring]) -> Int { lines.count { $0.hasPrefix("-") || $0.hasPrefix("+") } }
                #expect(changed(ourLines) == changed(referenceLines), "case \(number): diff sizes differ")
                differentButEquivalent += 1
            }
        }
        print(
            "diff -u agreement on \(Self.seeds.count) cases: \(identical) identical hunks, "
                + "\(differentButEquivalent) equally small but placed differently")
        #expect(identical * 100 >= Self.seeds.count * 95)
    }

    @Test(.enabled(if: ReferenceTools.isAvailable("git"), "git is not on PATH"))
    func agreesWithGitDiff() throws {
        let command = "git diff --no-index --no-color --no-indent-heuristic --no-ext-diff old new > out"
        for (number, (generated, reference)) in try Self.run(command, seeds: Self.gitSeeds).enumerated() {
            let ours = UnifiedDiff.make(old: generated.old, new: generated.new, oldLabel: "old", newLabel: "new")
            #expect(Self.hunkLines(ours) == Self.hunkLines(reference), "case \(number): hunks differ from git diff")
        }
    }
}
