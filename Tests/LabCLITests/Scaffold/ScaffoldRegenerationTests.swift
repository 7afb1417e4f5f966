import Foundation
import Testing

/// Each row of the regeneration table (DESIGN.md, Scaffolds), end to end: render, edit, change the
/// template, regenerate, check the bytes.
@Suite struct ScaffoldRegenerationTests {
    let lines = "a\nb\nc\nd\ne\nf\ng\nh\n"

    @Test func noFileNoBaseCreates() throws {
        let lab = try TemporaryLab.scaffolded(["{{name}}.md.mustache": "# {{name}} in {{lab}}, phase {{phase.id}}: {{phase.title}}\n", "plain.txt": "{{name}}\n"])
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.read("app/demo.md") == "# demo in Scaffold Lab, phase 1: One\n")
        #expect(lab.read("app/plain.txt") == "{{name}}\n", "a file without .mustache is copied as is")
        #expect(result.stdout.contains("create        app/demo.md"))
        #expect(result.stdout.contains("scaffold: 2 created"))
        #expect(lab.base("app", "demo.md") == "# demo in Scaffold Lab, phase 1: One\n")
        #expect(lab.read(".lab/scaffold.lock")?.contains(" demo.md\n") == true)
    }

    @Test func deletedFileStaysDeleted() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": "one\n", "b.txt": "b\n"])
        try lab.lab("scaffold")
        try lab.remove("app/a.txt")
        try lab.write("tpl/a.txt", "two\n")
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(!lab.exists("app/a.txt"))
        #expect(result.stdout.contains("stays deleted app/a.txt"))
        let again = try lab.lab("scaffold")
        #expect(!lab.exists("app/a.txt"))
        #expect(again.stdout.contains("1 stayed deleted"))
    }

    @Test func untouchedFileIsUpdated() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": lines])
        try lab.lab("scaffold")
        try lab.write("tpl/a.txt", lines + "i\n")
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.read("app/a.txt") == lines + "i\n")
        #expect(lab.base("app", "a.txt") == lines + "i\n")
        #expect(result.stdout.contains("update        app/a.txt"))
    }

    @Test func editedFileTheTemplateDidNotChangeIsKept() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": lines, "b.txt": "b\n"])
        try lab.lab("scaffold")
        try lab.write("app/a.txt", "mine\n")
        try lab.write("tpl/b.txt", "b2\n")
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.read("app/a.txt") == "mine\n")
        #expect(lab.read("app/b.txt") == "b2\n")
        #expect(result.stdout.contains("keep yours    app/a.txt"))
    }

    @Test func editsOnBothSidesMergeCleanly() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": lines])
        try lab.lab("scaffold")
        try lab.write("app/a.txt", lines.replacingOccurrences(of: "b\n", with: "B (mine)\n"))
        try lab.write("tpl/a.txt", lines.replacingOccurrences(of: "g\n", with: "G (template)\n"))
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.read("app/a.txt") == "a\nB (mine)\nc\nd\ne\nf\nG (template)\nh\n")
        #expect(result.stdout.contains("merge         app/a.txt"))
        #expect(lab.base("app", "a.txt") == lines.replacingOccurrences(of: "g\n", with: "G (template)\n"))
        // The next run has nothing to merge: the template's change is in the base.
        let again = try lab.lab("scaffold")
        #expect(again.stdout.contains("1 kept yours"), "\(again)")
        #expect(lab.read("app/a.txt") == "a\nB (mine)\nc\nd\ne\nf\nG (template)\nh\n")
    }

    @Test func overlappingEditsConflictInline() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": lines])
        try lab.lab("scaffold")
        try lab.write("app/a.txt", lines.replacingOccurrences(of: "d\n", with: "mine\n"))
        try lab.write("tpl/a.txt", lines.replacingOccurrences(of: "d\n", with: "theirs\n"))
        let result = try lab.lab("scaffold")
        #expect(result.status == 1, "\(result)")
        #expect(lab.read("app/a.txt") == "a\nb\nc\n<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> template\ne\nf\ng\nh\n")
        #expect(result.stdout.contains("conflict      app/a.txt  (1 conflict marked in the file)"))
        #expect(!lab.exists("app/a.txt.lab-new"))
    }

    @Test func overlappingEditsConflictRej() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": lines])
        try lab.lab("scaffold")
        let mine = lines.replacingOccurrences(of: "d\n", with: "mine\n")
        let theirs = lines.replacingOccurrences(of: "d\n", with: "theirs\n")
        try lab.write("app/a.txt", mine)
        try lab.write("tpl/a.txt", theirs)
        let result = try lab.lab("scaffold", "--conflict", "rej")
        #expect(result.status == 1, "\(result)")
        #expect(lab.read("app/a.txt") == mine)
        #expect(lab.read("app/a.txt.lab-new") == theirs)
        #expect(result.stdout.contains("the template's version is in app/a.txt.lab-new"))
        let again = try lab.lab("scaffold")
        #expect(again.stderr.contains("'app/a.txt.lab-new' is still there"), "\(again)")
    }

    @Test func droppedUntouchedFileIsDeleted() throws {
        let lab = try TemporaryLab.scaffolded(["keep.txt": "k\n", "sub/gone.txt": "g\n"])
        try lab.lab("scaffold")
        try lab.remove("tpl/sub")
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(!lab.exists("app/sub/gone.txt"))
        #expect(!lab.exists("app/sub"), "the folder the removal left empty goes too")
        #expect(lab.base("app", "sub/gone.txt") == nil)
        #expect(lab.read(".lab/scaffold.lock")?.contains("gone.txt") == false)
        #expect(result.stdout.contains("delete        app/sub/gone.txt"))
    }

    @Test func droppedEditedFileIsKeptAndReported() throws {
        let lab = try TemporaryLab.scaffolded(["keep.txt": "k\n", "gone.txt": "g\n"])
        try lab.lab("scaffold")
        try lab.write("app/gone.txt", "my notes\n")
        try lab.remove("tpl/gone.txt")
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.read("app/gone.txt") == "my notes\n")
        #expect(result.stdout.contains("keep edited   app/gone.txt"))
        #expect(result.stderr.contains("'app/gone.txt' is no longer in the template, but you edited it"))
        #expect(lab.read(".lab/scaffold.lock")?.contains("gone.txt") == false)
    }

    @Test func fileNeverGeneratedIsLeftAloneWithTheRenderBeside() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": "template\n"])
        try lab.write("app/a.txt", "already mine\n")
        let result = try lab.lab("scaffold")
        #expect(result.status == 1, "\(result)")
        #expect(lab.read("app/a.txt") == "already mine\n")
        #expect(lab.read("app/a.txt.lab-new") == "template\n")
        #expect(result.stdout.contains("not ours      app/a.txt"))
        #expect(lab.read(".lab/scaffold.lock")?.contains(" a.txt") == false)
        // Once the file is what the template renders, lab adopts it.
        try lab.write("app/a.txt", "template\n")
        try lab.remove("app/a.txt.lab-new")
        let adopted = try lab.lab("scaffold")
        #expect(adopted.status == 0, "\(adopted)")
        #expect(lab.read(".lab/scaffold.lock")?.contains(" a.txt") == true)
    }

    @Test func binaryFilesAreNeverMerged() throws {
        let lab = try TemporaryLab.scaffolded([:])
        try lab.write("tpl/logo.bin", bytes: [0, 1, 2, 3, 10, 4])
        try lab.lab("scaffold")
        try lab.write("app/logo.bin", bytes: [0, 1, 2, 3, 10, 9])
        try lab.write("tpl/logo.bin", bytes: [0, 7, 2, 3, 10, 4])
        let result = try lab.lab("scaffold")
        #expect(result.status == 1, "\(result)")
        #expect(lab.bytes("app/logo.bin") == [0, 1, 2, 3, 10, 9])
        #expect(lab.bytes("app/logo.bin.lab-new") == [0, 7, 2, 3, 10, 4])
        #expect(result.stdout.contains("binary, never merged"))
    }

    @Test func forceReplacesEditedFilesAfterABackup() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": lines, "b.txt": "b\n"])
        try lab.lab("scaffold")
        try lab.write("app/a.txt", "mine\n")
        try lab.write("app/c.txt", "foreign\n")
        try lab.write("tpl/c.txt", "template c\n")
        let result = try lab.lab("scaffold", "--force")
        #expect(result.status == 0, "\(result)")
        #expect(lab.read("app/a.txt") == lines)
        #expect(lab.read("app/c.txt") == "template c\n")
        let backups = try FileManager.default.contentsOfDirectory(atPath: lab.url(".lab/backup").path)
        #expect(backups.count == 1)
        let stamp = backups.first ?? ""
        #expect(stamp.wholeMatch(of: /\d{8}T\d{6}Z/) != nil, "\(stamp)")
        #expect(lab.read(".lab/backup/\(stamp)/app/a.txt") == "mine\n")
        #expect(lab.read(".lab/backup/\(stamp)/app/c.txt") == "foreign\n")
        #expect(result.stdout.contains("replace       app/a.txt  (yours backed up to .lab/backup/\(stamp)/app/a.txt)"))
    }

    @Test func dryRunLeavesTheTreeByteIdentical() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": lines, "b.txt": "b\n"])
        let first = lab.snapshot()
        let fresh = try lab.lab("scaffold", "--dry-run")
        #expect(fresh.status == 0, "\(fresh)")
        #expect(fresh.stdout.contains("create        app/a.txt"))
        #expect(lab.snapshot() == first)
        #expect(!lab.exists(".lab"), "not even .lab/")
        #expect(!lab.exists("app"))

        try lab.lab("scaffold")
        try lab.write("app/a.txt", lines.replacingOccurrences(of: "d\n", with: "mine\n"))
        try lab.write("tpl/a.txt", lines.replacingOccurrences(of: "d\n", with: "theirs\n"))
        try lab.write("tpl/b.txt", "b2\n")
        let before = lab.snapshot()
        let result = try lab.lab("scaffold", "--dry-run", "--diff", "--force")
        #expect(lab.snapshot() == before)
        #expect(!lab.exists(".lab/backup"))
        #expect(result.stdout.contains("replace       app/a.txt"), "\(result)")
        #expect(result.stdout.contains("dry run, nothing written: 1 updated, 1 replaced"))
    }

    @Test func diffShowsEachChange() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": lines, "gone.txt": "x\n"])
        try lab.lab("scaffold")
        try lab.write("tpl/a.txt", lines.replacingOccurrences(of: "e\n", with: "E\n"))
        try lab.write("tpl/new.txt", "fresh\n")
        try lab.remove("tpl/gone.txt")
        let result = try lab.lab("scaffold", "--diff")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("--- a/app/a.txt\n+++ b/app/a.txt\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"))
        #expect(result.stdout.contains("--- /dev/null\n+++ b/app/new.txt\n@@ -0,0 +1 @@\n+fresh\n"))
        #expect(result.stdout.contains("--- a/app/gone.txt\n+++ /dev/null\n"))
    }

    @Test func modeChangesFollowTheTemplateUnlessYouChangedThem() throws {
        let lab = try TemporaryLab.scaffolded(["run.sh": "echo\n", "tool.sh": "echo\n"])
        try lab.lab("scaffold")
        #expect(!lab.isExecutable("app/run.sh"))
        try lab.setExecutable("tpl/run.sh")
        try lab.setExecutable("app/tool.sh")
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.isExecutable("app/run.sh"))
        #expect(lab.isExecutable("app/tool.sh"), "your chmod stays")
        #expect(lab.read(".lab/scaffold.lock")?.contains("file 755 ") == true)
    }

    @Test func renamedIntoMovesTheFiles() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": "a\n", "b.txt": "b\n"])
        try lab.lab("scaffold")
        try lab.write("app/b.txt", "edited\n")
        let yml = try #require(lab.read("lab.yml")).replacingOccurrences(of: "into: app", with: "into: moved")
        try lab.write("lab.yml", yml)
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.read("moved/a.txt") == "a\n")
        #expect(lab.read("moved/b.txt") == "b\n")
        #expect(!lab.exists("app/a.txt"))
        #expect(lab.read("app/b.txt") == "edited\n", "an edited file is never deleted")
    }
}
