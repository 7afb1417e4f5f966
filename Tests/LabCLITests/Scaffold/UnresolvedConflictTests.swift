import Foundation
import Testing

/// A conflict's markers left in a generated file are reported by `lab scaffold` (exit 1) and by
/// `lab validate` until the learner resolves them; a leftover `.lab-new` is reported by both too.
@Suite struct UnresolvedConflictTests {
    let lines = "a\nb\nc\nd\ne\nf\ng\nh\n"

    /// A conflict written inline, then left as it is.
    func conflicted() throws -> TemporaryLab {
        let lab = try TemporaryLab.scaffolded(["a.txt": lines, "b.txt": "b\n"])
        try lab.lab("scaffold")
        try lab.write("app/a.txt", lines.replacingOccurrences(of: "d\n", with: "mine\n"))
        try lab.write("tpl/a.txt", lines.replacingOccurrences(of: "d\n", with: "theirs\n"))
        let conflict = try lab.lab("scaffold")
        #expect(conflict.status == 1, "\(conflict)")
        #expect(lab.read("app/a.txt")?.contains("<<<<<<< yours\n") == true)
        return lab
    }

    @Test func scaffoldKeepsSayingSoUntilResolved() throws {
        let lab = try conflicted()
        let again = try lab.lab("scaffold")
        #expect(again.status == 1, "\(again)")
        #expect(again.stdout.contains(
            "  unresolved    app/a.txt  (conflict markers from an earlier run still in it, from line 4: resolve them)\n"), "\(again)")
        #expect(again.stdout.contains("scaffold: 1 unchanged, 1 unresolved\n") || again.stdout.contains("scaffold: 1 unresolved"), "\(again)")
        #expect(again.stderr.contains("some files need your attention"))
        #expect(!again.stdout.contains("keep yours"))
        // Quiet still names it.
        let quiet = try lab.lab("scaffold", "-q")
        #expect(quiet.status == 1)
        #expect(quiet.stdout.contains("unresolved    app/a.txt"))

        // A later template change elsewhere is still merged in, and the markers still reported.
        try lab.write("tpl/a.txt", lines.replacingOccurrences(of: "d\n", with: "theirs\n").replacingOccurrences(of: "h\n", with: "h2\n"))
        let merged = try lab.lab("scaffold")
        #expect(merged.status == 1, "\(merged)")
        #expect(merged.stdout.contains("unresolved    app/a.txt  (the template's new change merged in; conflict markers"), "\(merged)")
        #expect(lab.read("app/a.txt")?.hasSuffix("g\nh2\n") == true)

        // Resolved: quiet again.
        try lab.write("app/a.txt", lines.replacingOccurrences(of: "d\n", with: "mine and theirs\n").replacingOccurrences(of: "h\n", with: "h2\n"))
        let resolved = try lab.lab("scaffold")
        #expect(resolved.status == 0, "\(resolved)")
        #expect(resolved.stdout.contains("keep yours    app/a.txt"))
    }

    @Test func validateReportsTheMarkers() throws {
        let lab = try conflicted()
        let result = try lab.lab("validate")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("""
            app/a.txt:4:1: error: unresolved conflict: 'app/a.txt' still holds the markers of a conflict from 'lab scaffold'
                4 | <<<<<<< yours
                  | ^
            app/a.txt:4:1: note: keep what you want between '<<<<<<< yours', '=======' and '>>>>>>> template', delete the three marker lines, then run 'lab scaffold'

            """), "\(result)")
        #expect(result.stderr.hasSuffix("app/a.txt: 1 error; lab.yml: 1 warning\n"), "the missing phase document is a warning")
        try lab.write("app/a.txt", "resolved\n")
        #expect(try lab.lab("validate").status == 0)
    }

    @Test func validateReportsALeftoverLabNew() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": lines])
        try lab.lab("scaffold")
        try lab.write("app/a.txt", lines.replacingOccurrences(of: "d\n", with: "mine\n"))
        try lab.write("tpl/a.txt", lines.replacingOccurrences(of: "d\n", with: "theirs\n"))
        #expect(try lab.lab("scaffold", "--conflict", "rej").status == 1)
        #expect(lab.exists("app/a.txt.lab-new"))
        let result = try lab.lab("validate")
        #expect(result.status == 0, "a warning: \(result)")
        #expect(result.stderr.contains("app/a.txt.lab-new: warning: 'app/a.txt.lab-new' is still there: merge what you need into 'app/a.txt', then delete it\n"), "\(result)")
    }

    /// Lines that only look like markers are not a conflict.
    @Test func lookalikesAreNoConflict() throws {
        let lab = try TemporaryLab.scaffolded(["a.md": "Title\n=======\n\n<<<<<<<< eight\n>>>>>>> alone\n"])
        try lab.lab("scaffold")
        try lab.write("app/a.md", "Title\n=======\n\n<<<<<<<< eight\n>>>>>>> alone\nmine\n")
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(try lab.lab("validate").status == 0)
    }

    /// A document that quotes one of lab's conflicts, merged cleanly (as `git merge-file` merges
    /// it): the quote is the template's text, not a conflict, for `lab scaffold` and `lab validate`.
    @Test func aConflictTheTemplateQuotesIsText() throws {
        let quoted = "A conflict looks like this:\n\n<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> template\n\n"
        let lab = try TemporaryLab.scaffolded(["doc.md": "# Resolving\n\n" + quoted + "End.\n"])
        #expect(try lab.lab("scaffold").status == 0)
        try lab.write("app/doc.md", "# Resolving\n\n" + quoted + "The end.\n")
        try lab.write("tpl/doc.md", "# How to resolve\n\n" + quoted + "End.\n")
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("merge         app/doc.md"), "\(result)")
        #expect(!result.stdout.contains("unresolved"), "\(result)")
        #expect(lab.read("app/doc.md") == "# How to resolve\n\n" + quoted + "The end.\n")
        #expect(try lab.lab("scaffold").status == 0, "settled")
        let validate = try lab.lab("validate")
        #expect(!validate.stderr.contains("unresolved conflict"), "\(validate)")

        // A real conflict beside the quote is still found, at its own line.
        try lab.write("app/doc.md", "# Mine\n\n" + quoted + "The end.\n")
        try lab.write("tpl/doc.md", "# Theirs\n\n" + quoted + "End.\n")
        #expect(try lab.lab("scaffold").status == 1)
        let again = try lab.lab("scaffold")
        #expect(again.status == 1, "\(again)")
        #expect(again.stdout.contains("from line 1: resolve them"), "\(again)")
        #expect(try lab.lab("validate").stderr.contains("app/doc.md:1:1: error: unresolved conflict"))
        // Resolved, the quote alone is text again.
        try lab.write("app/doc.md", "# Ours and theirs\n\n" + quoted + "The end.\n")
        #expect(try lab.lab("scaffold").status == 0)
        #expect(try lab.lab("validate").status == 0)
    }

    /// The learner's notes quoting a conflict of git's (`<<<<<<< HEAD`) in a generated file are
    /// theirs, not a conflict lab wrote.
    @Test func aQuotedGitConflictIsText() throws {
        let lab = try TemporaryLab.scaffolded(["notes.md": "a\nb\nc\n"])
        #expect(try lab.lab("scaffold").status == 0)
        try lab.write("app/notes.md", "a\n<<<<<<< HEAD\nmine\n=======\nother\n>>>>>>> other\nb\nc\n")
        try lab.write("tpl/notes.md", "a\nb\nC\n")
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.read("app/notes.md") == "a\n<<<<<<< HEAD\nmine\n=======\nother\n>>>>>>> other\nb\nC\n")
        #expect(try lab.lab("validate").status == 0)
    }
}

