import Foundation
import Testing

@testable import LabKit

/// Differential tests: our merge against `git merge-file` on generated three-way cases.
@Suite(.enabled(if: ReferenceTools.isAvailable("git"), "git is not on PATH"))
struct ThreeWayMergeGitAgreementTests {
    /// One generated case: a base and two independent edits of it.
    struct Case {
        var base: [UInt8]
        var ours: [UInt8]
        var theirs: [UInt8]
    }

    /// How our merges compared with git's.
    struct Tally: CustomStringConvertible {
        var cleanIdentical = 0
        var conflictedIdentical = 0
        var conflictedDifferentBytes = 0
        var cleanOnlyInGit = 0
        var cleanOnlyHere = 0

        var description: String {
            "\(cleanIdentical) clean identical, \(conflictedIdentical) conflicted identical, "
                + "\(conflictedDifferentBytes) conflicted with different bytes, "
                + "\(cleanOnlyInGit) clean only in git, \(cleanOnlyHere) clean only here"
        }
    }

    /// A small file from a small vocabulary, two sides with a few edits each; line endings mostly LF,
    /// some all CRLF, some mixed between the three files; some files lack the final newline.
    static func smallCase(seed: UInt64) -> Case {
        var edits = GeneratedEdits(seed: seed)
        let baseLines = edits.lines(count: edits.number(in: 0...24))
        let oursLines = edits.edit(baseLines, edits: 0...4)
        let theirsLines = edits.edit(baseLines, edits: 0...4)

        let style = edits.number(in: 0...19)
        func ending() -> String {
            switch style {
            case 0..<15: "\n"
            case 15..<18: "\r\n"
            default: edits.chance(0.5) ? "\n" : "\r\n"
            }
        }
        return Case(
            base: GeneratedEdits.bytes(baseLines, ending: ending(), finalNewline: !edits.chance(0.15)),
            ours: GeneratedEdits.bytes(oursLines, ending: ending(), finalNewline: !edits.chance(0.15)),
            theirs: GeneratedEdits.bytes(theirsLines, ending: ending(), finalNewline: !edits.chance(0.15)))
    }

    /// A long file edited so heavily on both sides that the diff's cost limits come into play.
    static func heavilyEditedCase(seed: UInt64) -> Case {
        var edits = GeneratedEdits(seed: seed)
        let baseLines = edits.lines(count: edits.number(in: 1_000...1_500))
        return Case(
            base: GeneratedEdits.bytes(baseLines),
            ours: GeneratedEdits.bytes(edits.edit(baseLines, edits: 0...250)),
            theirs: GeneratedEdits.bytes(edits.edit(baseLines, edits: 0...250)))
    }

    /// Merges every case with git and with us; records an issue for every disagreement.
    static func compare(_ cases: [Case]) throws -> Tally {
        let tool = try ReferenceTools()
        defer { tool.remove() }
        for (number, generated) in cases.enumerated() {
            try tool.write(generated.base, to: "\(number)/base")
            try tool.write(generated.ours, to: "\(number)/ours")
            try tool.write(generated.theirs, to: "\(number)/theirs")
        }
        try tool.shell(
            """
            for n in $(seq 0 \(cases.count - 1)); do
              (cd $n && git -c merge.conflictStyle=merge merge-file -p -L yours -L base -L template \\
                 ours base theirs > merged; echo $? > status)
            done
            """)

        var tally = Tally()
        for (number, generated) in cases.enumerated() {
            let status = try tool.status("\(number)/status")
            let merged = try tool.read("\(number)/merged")
            try #require(status >= 0 && status < 128, "git merge-file failed on case \(number)")

            let outcome = ThreeWayMerge.merge(base: generated.base, ours: generated.ours, theirs: generated.theirs)
            switch (status == 0, outcome) {
            case (true, .clean(let bytes)):
                #expect(bytes == merged, "case \(number): clean merges differ")
                if bytes == merged { tally.cleanIdentical += 1 }
            case (false, .conflicted(let bytes, let conflicts)):
                // git's exit status counts conflicts up to 127.
                #expect(min(conflicts, 127) == status, "case \(number): conflict counts differ")
                #expect(bytes == merged, "case \(number): conflicted merges differ")
                if bytes == merged {
                    tally.conflictedIdentical += 1
                } else {
                    tally.conflictedDifferentBytes += 1
                }
            case (true, .conflicted):
                tally.cleanOnlyInGit += 1
                Issue.record("case \(number): git merges cleanly, we report a conflict")
            case (false, .clean):
                tally.cleanOnlyHere += 1
                Issue.record("case \(number): git reports a conflict, we merge cleanly")
            }
        }
        return tally
    }

    @Test func agreesWithGitOnSmallFiles() throws {
        let tally = try Self.compare((UInt64(1)...300).map(Self.smallCase))
        print("git merge-file agreement on 300 small cases: \(tally)")
    }

    @Test func agreesWithGitOnHeavilyEditedFiles() throws {
        let tally = try Self.compare((UInt64(1)...4).map(Self.heavilyEditedCase))
        print("git merge-file agreement on 4 heavily edited cases: \(tally)")
    }
}
