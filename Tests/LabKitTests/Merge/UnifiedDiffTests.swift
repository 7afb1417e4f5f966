import Testing

@testable import LabKit

/// Named unified diff cases; every expected hunk is what `diff -u` prints for the same files.
struct UnifiedDiffTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var old: String
        var new: String
        var context = 3
        var hunks: String

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "one changed line", old: "1\n2\n3\n4\n5\n6\n7\n8\n9\n", new: "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
            hunks: "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"),
        Case(name: "new file", old: "", new: "x\ny\n", hunks: "@@ -0,0 +1,2 @@\n+x\n+y\n"),
        Case(name: "emptied file", old: "x\ny\n", new: "", hunks: "@@ -1,2 +0,0 @@\n-x\n-y\n"),
        Case(
            name: "newline added at the end", old: "a\nb", new: "a\nb\n",
            hunks: "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"),
        Case(
            name: "newline dropped at the end", old: "a\nb\n", new: "a\nc",
            hunks: "@@ -1,2 +1,2 @@\n a\n-b\n+c\n\\ No newline at end of file\n"),
        Case(
            name: "unterminated last line as context", old: "a\nb\nc", new: "A\nb\nc",
            hunks: "@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n\\ No newline at end of file\n"),
        Case(
            name: "changes far apart make two hunks",
            old: "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", new: "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve\n",
            hunks: "@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+twelve\n"),
        Case(
            name: "changes six lines apart share a hunk",
            old: "1\n2\n3\n4\n5\n6\n7\n8\n", new: "one\n2\n3\n4\n5\n6\n7\neight\n",
            hunks: "@@ -1,8 +1,8 @@\n-1\n+one\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+eight\n"),
        Case(
            name: "one line of context", old: "1\n2\n3\n4\n5\n6\n7\n8\n", new: "one\n2\n3\n4\n5\n6\n7\neight\n",
            context: 1, hunks: "@@ -1,2 +1,2 @@\n-1\n+one\n 2\n@@ -7,2 +7,2 @@\n 7\n-8\n+eight\n"),
        Case(name: "no context", old: "1\n2\n3\n", new: "1\n3\n", context: 0, hunks: "@@ -2 +1,0 @@\n-2\n"),
        Case(name: "CRLF lines", old: "a\r\nb\r\n", new: "a\r\nc\r\n", hunks: "@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n"),
    ]

    @Test(arguments: cases)
    func renders(_ diffCase: Case) {
        let diff = UnifiedDiff.make(
            old: Array(diffCase.old.utf8), new: Array(diffCase.new.utf8), oldLabel: "a/file", newLabel: "b/file",
            context: diffCase.context)
        #expect(diff == "--- a/file\n+++ b/file\n" + diffCase.hunks)
    }

    @Test func equalFilesGiveNothing() {
        #expect(
            UnifiedDiff.make(old: Array("a\nb\n".utf8), new: Array("a\nb\n".utf8), oldLabel: "a", newLabel: "b") == "")
        #expect(UnifiedDiff.make(old: [], new: [], oldLabel: "a", newLabel: "b") == "")
    }
}
