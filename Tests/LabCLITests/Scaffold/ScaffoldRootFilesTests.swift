import Foundation
import Testing

/// A template set's `_root/` folder: files for the lab's root rather than the scaffold's folder
/// (the devops set's `.github/workflows/lab.yml`, which GitHub reads only there), tracked,
/// regenerated and kept safe like the others.
@Suite struct ScaffoldRootFilesTests {
    @Test func theDevopsSetWritesItsWorkflowAtTheRoot() throws {
        let lab = try TemporaryLab()
        #expect(try lab.lab("init", ".").status == 0)
        let result = try lab.lab("scaffold", "devops")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("create        .github/workflows/lab.yml"))
        let shipped = Repository.root.appending(path: "Sources/LabKit/Builtin/Sets/devops/_root/.github/workflows/lab.yml")
        #expect(lab.bytes(".github/workflows/lab.yml") == [UInt8](try Data(contentsOf: shipped)))
        // This repository runs the same workflow.
        #expect(lab.bytes(".github/workflows/lab.yml") == [UInt8](try Data(contentsOf: Repository.root.appending(path: ".github/workflows/lab.yml"))))
        #expect(!lab.exists("devops/.github") && !lab.exists("devops/_root") && !lab.exists("_root") && !lab.exists(".gitkeep"))
        #expect(lab.read(".lab/scaffold.lock")?.contains(" _root/.github/workflows/lab.yml\n") == true)
        #expect(lab.base("devops", "_root/.github/workflows/lab.yml") != nil)
        // Regenerated with nothing changed: nothing to do.
        #expect(try lab.lab("scaffold", "devops").stdout.contains("scaffold: 10 unchanged"))
    }

    @Test func aRootFileIsRegeneratedLikeTheOthers() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": "a\n", "_root/ci/{{name}}.yml.mustache": "one\nname: {{name}}\nthree\n"])
        #expect(try lab.lab("scaffold").status == 0)
        #expect(lab.read("ci/demo.yml") == "one\nname: demo\nthree\n")
        #expect(lab.read("app/a.txt") == "a\n")
        // Your edit is kept when the template has not changed, and merged when it has.
        try lab.write("ci/demo.yml", "one\nname: demo\nthree\nmine\n")
        #expect(try lab.lab("scaffold").stdout.contains("keep yours    ci/demo.yml"))
        try lab.setTemplates(["a.txt": "a\n", "_root/ci/{{name}}.yml.mustache": "ONE\nname: {{name}}\nthree\n"])
        let merged = try lab.lab("scaffold")
        #expect(merged.status == 0 && merged.stdout.contains("merge         ci/demo.yml"), "\(merged)")
        #expect(lab.read("ci/demo.yml") == "ONE\nname: demo\nthree\nmine\n")
        // Gone from the template and untouched since: removed.
        try lab.write("ci/demo.yml", "ONE\nname: demo\nthree\n")
        #expect(try lab.lab("scaffold").status == 0)
        try lab.setTemplates(["a.txt": "a\n"])
        let dropped = try lab.lab("scaffold")
        #expect(dropped.status == 0 && !lab.exists("ci/demo.yml"), "\(dropped)")
    }

    /// Moving the scaffold's folder moves its files, not those at the root.
    @Test func aRootFileStaysWhenTheFolderMoves() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": "a\n", "_root/ci.yml": "ci\n"])
        #expect(try lab.lab("scaffold").status == 0)
        try lab.write("lab.yml", (lab.read("lab.yml") ?? "").replacingOccurrences(of: "into: app", with: "into: moved"))
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.read("moved/a.txt") == "a\n" && !lab.exists("app/a.txt"))
        #expect(lab.read("ci.yml") == "ci\n")
        #expect(!result.stdout.contains("ci.yml"), "\(result)")
    }

    /// Runs `lab scaffold` and checks it was refused with exit 1 and wrote nothing.
    func expectRefused(_ lab: TemporaryLab, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = lab.snapshot()
        let result = try lab.lab("scaffold")
        #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "\(result)", sourceLocation: sourceLocation)
        #expect(lab.snapshot() == before, sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ("_root/.git/hooks/pre-commit", "cannot write '.git/hooks/pre-commit': a file of '_root/' cannot go into '.git/'"),
        ("_root/.GIT/config", "cannot write '.GIT/config': a file of '_root/' cannot go into '.git/'"),
        ("_root/.lab/state.json", "cannot write '.lab/state.json': a file of '_root/' cannot go into '.lab/'"),
        ("_root/lab.yml", "cannot write 'lab.yml': a file of '_root/' cannot replace lab.yml"),
        ("_root/app/x.txt", "cannot write 'app/x.txt': it is inside 'app', the folder of scaffold 'app'"),
    ])
    func aRootFileThatDoesNotBelongThereIsRefused(_ template: String, _ message: String) throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": "a\n", template: "x\n"])
        try expectRefused(lab, message)
    }

    @Test func twoScaffoldsCannotWriteTheSameRootFile() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": "a\n", "_root/ci.yml": "ci\n"], extraScaffolds: "  other:\n    from: tpl\n    into: other\n")
        try expectRefused(lab, "cannot write 'ci.yml': scaffold 'app' writes it too")
        // One at a time, the second is refused too: the lock says which scaffold writes the file.
        #expect(try lab.lab("scaffold", "app").status == 0)
        let second = try lab.lab("scaffold", "other")
        #expect(second.stderr.contains("scaffold 'app' writes it too"), "\(second)")
    }

    @Test func aRootPathThroughASymbolicLinkOutOfTheLabIsRefused() throws {
        let outside = FileManager.default.temporaryDirectory.appending(path: "lab-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        let lab = try TemporaryLab.scaffolded(["a.txt": "a\n", "_root/.github/workflows/ci.yml": "ci\n"])
        try FileManager.default.createSymbolicLink(at: lab.url(".github"), withDestinationURL: outside)
        try expectRefused(lab, "cannot write '.github/workflows/ci.yml': '.github' is a symbolic link to '")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: outside.path))?.isEmpty == true)
    }
}
