import Foundation
import Testing

/// Paths that would leave the scaffold's folder refuse the whole run, before anything is written.
@Suite struct ScaffoldSafetyTests {
    /// Runs `lab scaffold` and checks it was refused with exit 1 and wrote nothing at all.
    func expectRefused(_ lab: TemporaryLab, _ message: String, outside: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = lab.snapshot()
        let result = try lab.lab("scaffold")
        #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("lab: error: nothing written: "), sourceLocation: sourceLocation)
        #expect(lab.snapshot() == before, sourceLocation: sourceLocation)
        #expect(!lab.exists(".lab"), sourceLocation: sourceLocation)
        if let outside {
            let leaked = (try? FileManager.default.contentsOfDirectory(atPath: outside.path)) ?? []
            #expect(leaked.isEmpty, "written outside the lab: \(leaked)", sourceLocation: sourceLocation)
        }
    }

    func outsideFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "lab-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(arguments: ["../x", "/tmp/x", "a/b", "line\nbreak"])
    func segmentThatLeavesItsFolder(value: String) throws {
        let quoted = value.replacingOccurrences(of: "\n", with: "\\n")
        let lab = try TemporaryLab.scaffolded(["ok.txt": "ok\n", "{{name}}.txt": "x\n"], vars: "{ name: \"\(quoted)\" }")
        try expectRefused(lab, "tpl/{{name}}.txt: error: path segment '{{name}}.txt' renders to")
    }

    @Test func folderSegmentThatClimbsOut() throws {
        let lab = try TemporaryLab.scaffolded(["{{dir}}/evil.txt": "x\n"], vars: "{ dir: \"..\" }")
        try expectRefused(lab, "tpl/{{dir}}/evil.txt: error: path segment '{{dir}}' renders to '..', which would leave its folder")
    }

    @Test func symlinkedIntoOutsideTheLab() throws {
        let outside = try outsideFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let lab = try TemporaryLab.scaffolded(["a.txt": "a\n"])
        try FileManager.default.createSymbolicLink(at: lab.url("app"), withDestinationURL: outside)
        try expectRefused(lab, "'app' is a symbolic link to '", outside: outside)
    }

    /// A link that stays inside the lab but leads into `.git` (or `.lab`): a template's file there
    /// could be a hook that runs on the learner's next commit.
    @Test func symlinkedIntoGitsOwnFolder() throws {
        let lab = try TemporaryLab.scaffolded(["pre-commit": "#!/bin/sh\necho hook\n"])
        try FileManager.default.createDirectory(at: lab.url(".git/hooks"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: lab.url("app").path, withDestinationPath: ".git/hooks")
        try expectRefused(lab, "'app' is a symbolic link into '.git', where no scaffold writes")
        #expect(!lab.exists(".git/hooks/pre-commit"))
    }

    @Test func symlinkedRootFolderIntoGitsOwnFolder() throws {
        let lab = try TemporaryLab.scaffolded(["_root/hooks/pre-commit": "#!/bin/sh\necho hook\n", "a.txt": "a\n"])
        try FileManager.default.createDirectory(at: lab.url(".git/hooks"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: lab.url("hooks").path, withDestinationPath: ".git/hooks")
        try expectRefused(lab, "cannot write 'hooks/pre-commit': 'hooks' is a symbolic link into '.git', where no scaffold writes")
        #expect(!lab.exists(".git/hooks/pre-commit"))
    }

    @Test func symlinkInsideIntoLeadingOut() throws {
        let outside = try outsideFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let lab = try TemporaryLab.scaffolded(["sub/a.txt": "a\n", "b.txt": "b\n"])
        try FileManager.default.createDirectory(at: lab.url("app"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: lab.url("app/sub"), withDestinationURL: outside)
        try expectRefused(lab, "cannot write 'app/sub/a.txt': 'app/sub' is a symbolic link to '", outside: outside)
    }

    @Test func symlinkedFileLeadingOut() throws {
        let outside = try outsideFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let lab = try TemporaryLab.scaffolded(["a.txt": "a\n"])
        try FileManager.default.createDirectory(at: lab.url("app"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: lab.url("app/a.txt"), withDestinationURL: outside.appending(path: "target.txt"))
        try expectRefused(lab, "'app/a.txt' is a symbolic link that leads nowhere", outside: outside)
        try Data("theirs\n".utf8).write(to: outside.appending(path: "target.txt"))
        try expectRefused(lab, "'app/a.txt' is a symbolic link to '")
        #expect(try String(contentsOf: outside.appending(path: "target.txt"), encoding: .utf8) == "theirs\n")
    }

    @Test func symlinkInTheTemplateLeadingOut() throws {
        let outside = try outsideFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("secret\n".utf8).write(to: outside.appending(path: "secret.txt"))
        let lab = try TemporaryLab.scaffolded(["a.txt": "a\n"])
        try FileManager.default.createSymbolicLink(at: lab.url("tpl/leak.txt"), withDestinationURL: outside.appending(path: "secret.txt"))
        try expectRefused(lab, "tpl/leak.txt: error: symbolic link points outside the template folder")
    }

    @Test func symlinkInTheTemplateStayingInsideIsFollowed() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": "a\n"])
        try FileManager.default.createSymbolicLink(atPath: lab.url("tpl/b.txt").path, withDestinationPath: "a.txt")
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.read("app/b.txt") == "a\n")
    }

    @Test func aFolderWhereAFileGoes() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": "a\n", "b.txt": "b\n"])
        try FileManager.default.createDirectory(at: lab.url("app/a.txt"), withIntermediateDirectories: true)
        let before = lab.snapshot()
        let result = try lab.lab("scaffold")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("'app/a.txt' is a folder, where the template has a file"))
        #expect(lab.snapshot() == before)
    }

    @Test func oneBadScaffoldStopsEveryScaffold() throws {
        let lab = try TemporaryLab.scaffolded(
            ["{{name}}": "x\n"], vars: "{ name: \"../x\" }",
            extraScaffolds: "  other:\n    from: other\n    into: other\n")
        try lab.write("other/ok.txt", "fine\n")
        let yml = try #require(lab.read("lab.yml")).replacingOccurrences(of: "into: other", with: "into: out")
        try lab.write("lab.yml", yml)
        let result = try lab.lab("scaffold")
        #expect(result.status == 1, "\(result)")
        #expect(!lab.exists("out"), "nothing is written for any scaffold")
    }
}
