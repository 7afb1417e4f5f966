import Testing

@testable import LabKit

/// Named three-way merge cases; every expected output is what `git merge-file -p -L yours -L base
/// -L template ours base theirs` prints for the same files.
struct ThreeWayMergeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var base: String
        var ours: String
        var theirs: String
        var expected: MergeOutcome

        var testDescription: String { name }

        static func clean(_ name: String, base: String, ours: String, theirs: String, _ merged: String) -> Case {
            Case(name: name, base: base, ours: ours, theirs: theirs, expected: .clean(Array(merged.utf8)))
        }

        static func conflicted(
            _ name: String, base: String, ours: String, theirs: String, _ merged: String, conflicts: Int = 1
        ) -> Case {
            Case(
                name: name, base: base, ours: ours, theirs: theirs,
                expected: .conflicted(Array(merged.utf8), conflicts: conflicts))
        }
    }

    static let cases: [Case] = [
        .clean("nothing changed", base: "a\nb\n", ours: "a\nb\n", theirs: "a\nb\n", "a\nb\n"),
        .clean("only ours changed", base: "a\nb\nc\n", ours: "a\nB\nc\n", theirs: "a\nb\nc\n", "a\nB\nc\n"),
        .clean("only theirs changed", base: "a\nb\nc\n", ours: "a\nb\nc\n", theirs: "a\nb\nC\n", "a\nb\nC\n"),
        .clean("both made the same edit", base: "a\nb\nc\n", ours: "a\nX\nc\n", theirs: "a\nX\nc\n", "a\nX\nc\n"),
        .clean(
            "disjoint edits",
            base: "1\n2\n3\n4\n5\n6\n7\n8\n", ours: "1\nTWO\n3\n4\n5\n6\n7\n8\n",
            theirs: "1\n2\n3\n4\n5\n6\nSEVEN\n8\n", "1\nTWO\n3\n4\n5\n6\nSEVEN\n8\n"),
        .conflicted(
            "adjacent edits conflict",
            base: "a\nb\nc\nd\n", ours: "a\nB\nc\nd\n", theirs: "a\nb\nC\nd\n",
            "a\n<<<<<<< yours\nB\nc\n=======\nb\nC\n>>>>>>> template\nd\n"),
        .conflicted(
            "overlapping edits conflict",
            base: "a\nb\nc\nd\ne\n", ours: "a\nb\nX\nd\ne\n", theirs: "a\nb\nY\nd\ne\n",
            "a\nb\n<<<<<<< yours\nX\n=======\nY\n>>>>>>> template\nd\ne\n"),
        .conflicted(
            "different insertions at the start",
            base: "a\nb\n", ours: "ours\na\nb\n", theirs: "theirs\na\nb\n",
            "<<<<<<< yours\nours\n=======\ntheirs\n>>>>>>> template\na\nb\n"),
        .clean(
            "insertion at the start and at the end",
            base: "a\nb\n", ours: "ours\na\nb\n", theirs: "a\nb\ntheirs\n", "ours\na\nb\ntheirs\n"),
        .clean(
            "deletion on one side, edit far away on the other",
            base: "a\nb\nc\nd\ne\nf\ng\n", ours: "a\nc\nd\ne\nf\ng\n", theirs: "a\nb\nc\nd\ne\nf\nG\n",
            "a\nc\nd\ne\nf\nG\n"),
        .conflicted(
            "deletion against an edit of the same line",
            base: "a\nb\nc\nd\ne\nf\ng\n", ours: "a\nc\nd\ne\nf\ng\n", theirs: "a\nB\nc\nd\ne\nf\ng\n",
            "a\n<<<<<<< yours\n=======\nB\n>>>>>>> template\nc\nd\ne\nf\ng\n"),
        .clean("both deleted the same line", base: "a\nb\nc\n", ours: "a\nc\n", theirs: "a\nc\n", "a\nc\n"),
        .conflicted(
            "empty base, different content",
            base: "", ours: "one\n", theirs: "two\n",
            "<<<<<<< yours\none\n=======\ntwo\n>>>>>>> template\n"),
        .clean("empty base, same content", base: "", ours: "same\n", theirs: "same\n", "same\n"),
        .clean("all empty", base: "", ours: "", theirs: "", ""),
        .clean("empty base and ours", base: "", ours: "", theirs: "new\n", "new\n"),
        .clean("ours emptied the file", base: "a\nb\n", ours: "", theirs: "a\nb\n", ""),
        .conflicted(
            "ours dropped the final newline, theirs edited the last line",
            base: "a\nb\nc\nd\ne\n", ours: "A\nb\nc\nd\ne", theirs: "a\nb\nc\nd\nE\n",
            "A\nb\nc\nd\n<<<<<<< yours\ne\n=======\nE\n>>>>>>> template\n"),
        .clean(
            "theirs dropped the final newline, ours edited the first line",
            base: "a\nb\nc\nd\ne\n", ours: "A\nb\nc\nd\ne\n", theirs: "a\nb\nc\nd\ne", "A\nb\nc\nd\ne"),
        .conflicted(
            "a conflicting last line without newline gets one before the marker",
            base: "a\nb\n", ours: "a\nours", theirs: "a\ntheirs\n",
            "a\n<<<<<<< yours\nours\n=======\ntheirs\n>>>>>>> template\n"),
        .conflicted(
            "CRLF files get CRLF markers",
            base: "a\r\nb\r\nc\r\n", ours: "a\r\nX\r\nc\r\n", theirs: "a\r\nY\r\nc\r\n",
            "a\r\n<<<<<<< yours\r\nX\r\n=======\r\nY\r\n>>>>>>> template\r\nc\r\n"),
        .conflicted(
            "an LF base keeps LF markers",
            base: "a\nb\nc\n", ours: "a\r\nX\r\nc\r\n", theirs: "a\r\nY\r\nc\r\n",
            "a\r\n<<<<<<< yours\nX\r\n=======\nY\r\n>>>>>>> template\nc\r\n"),
        .clean(
            "CRLF clean merge",
            base: "a\r\nb\r\nc\r\nd\r\n", ours: "A\r\nb\r\nc\r\nd\r\n", theirs: "a\r\nb\r\nc\r\nD\r\n",
            "A\r\nb\r\nc\r\nD\r\n"),
        .conflicted(
            "lines both sides added alike move out of the conflict",
            base: "a\nb\nc\nd\n", ours: "a\n1\nsame\nX\nsame2\n2\nd\n", theirs: "a\n1\nsame\nY\nsame2\n2\nd\n",
            "a\n1\nsame\n<<<<<<< yours\nX\n=======\nY\n>>>>>>> template\nsame2\n2\nd\n"),
        .conflicted(
            "conflicts three lines apart are joined",
            base: "a\nb\nc\nd\ne\nf\ng\n", ours: "a\nB1\nc\nd\ne\nF1\ng\n", theirs: "a\nB2\nc\nd\ne\nF2\ng\n",
            "a\n<<<<<<< yours\nB1\nc\nd\ne\nF1\n=======\nB2\nc\nd\ne\nF2\n>>>>>>> template\ng\n"),
        .conflicted(
            "conflicts further apart stay apart",
            base: "a\nb\nc\nd\ne\nf\ng\nh\n", ours: "A1\nb\nc\nd\ne\nf\ng\nH1\n",
            theirs: "A2\nb\nc\nd\ne\nf\ng\nH2\n",
            "<<<<<<< yours\nA1\n=======\nA2\n>>>>>>> template\nb\nc\nd\ne\nf\ng\n<<<<<<< yours\nH1\n=======\nH2\n>>>>>>> template\n",
            conflicts: 2),
        .conflicted(
            "conflicts separated by lines without letters or digits are joined",
            base: "a\nb\n{\n}\n\n--\nc\nd\n", ours: "a\nB1\n{\n}\n\n--\nC1\nd\n",
            theirs: "a\nB2\n{\n}\n\n--\nC2\nd\n",
            "a\n<<<<<<< yours\nB1\n{\n}\n\n--\nC1\n=======\nB2\n{\n}\n\n--\nC2\n>>>>>>> template\nd\n"),
    ]

    @Test(arguments: cases)
    func merges(_ mergeCase: Case) {
        let outcome = ThreeWayMerge.merge(
            base: Array(mergeCase.base.utf8), ours: Array(mergeCase.ours.utf8), theirs: Array(mergeCase.theirs.utf8))
        #expect(outcome == mergeCase.expected, "got \(String(decoding: outcome.bytes, as: UTF8.self).debugDescription)")
    }

    @Test func labelsAreConfigurable() {
        let outcome = ThreeWayMerge.merge(
            base: Array("x\n".utf8), ours: Array("mine\n".utf8), theirs: Array("new\n".utf8),
            oursLabel: "docs/notes.md (yours)", theirsLabel: "docs/notes.md (template)")
        let expected = "<<<<<<< docs/notes.md (yours)\nmine\n=======\nnew\n>>>>>>> docs/notes.md (template)\n"
        #expect(outcome == .conflicted(Array(expected.utf8), conflicts: 1))
        #expect(outcome.conflictCount == 1)
    }

    @Test func keepsBytesThatAreNotUTF8() {
        let base: [UInt8] = [0xFF, 0x0A, 0x61, 0x0A, 0x62, 0x0A, 0x63, 0x0A]
        var ours = base
        ours[2] = 0xFE
        var theirs = base
        theirs[6] = 0xE9
        let merged: [UInt8] = [0xFF, 0x0A, 0xFE, 0x0A, 0x62, 0x0A, 0xE9, 0x0A]
        #expect(ThreeWayMerge.merge(base: base, ours: ours, theirs: theirs) == .clean(merged))
    }
}
