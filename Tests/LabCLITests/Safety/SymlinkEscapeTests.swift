import Foundation
import Testing

/// No command writes, creates, renames onto or deletes anything outside the lab through a
/// symbolic link, wherever in the lab the link is planted: the run is refused before its first
/// write, with one error naming the path and where it leads, and nothing outside changes.
@Suite struct SymlinkEscapeTests {
    /// A folder outside the lab, with a file whose content must survive.
    final class Outside {
        let root: URL

        init() throws {
            root = FileManager.default.temporaryDirectory.appending(path: "outside-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try Data("precious\n".utf8).write(to: root.appending(path: "precious.txt"))
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        var file: URL { root.appending(path: "precious.txt") }

        /// Every path under the folder with its content: what must not change.
        func snapshot() -> [String: Data] {
            var files: [String: Data] = [:]
            let walker = FileManager.default.enumerator(atPath: root.path)
            while let path = walker?.nextObject() as? String {
                files[path] = (try? Data(contentsOf: root.appending(path: path))) ?? Data()
            }
            return files
        }
    }

    static let labFile = """
        lab: Escape
        phases:
          - id: 1
            title: One
            status: in-progress
            scaffold: [app]
            exercises:
              - id: passes
                title: Passes
                verify: [{ run: "true" }]
              - id: by-hand
                title: By hand
          - id: 2
            title: Two
            exercises:
              - id: later
                title: Later
        scaffolds:
          app:
            from: tpl
            into: app

        """

    static let document = """
        # Phase 1

        ## Progress checklist

        - [ ] Passes <!-- lab:passes -->
        - [ ] By hand <!-- lab:by-hand -->

        """

    /// A scaffolded lab with its phase 1 document and README table.
    static func makeLab() throws -> TemporaryLab {
        let lab = try TemporaryLab(files: [
            "lab.yml": labFile, "docs/phases/phase-01.md": document,
            "README.md": "# Escape\n\n<!-- lab:phases -->\n<!-- /lab:phases -->\n",
            "tpl/main.txt": "one\n", "tpl/sub/deep.txt": "two\n",
        ])
        let scaffolded = try lab.lab("scaffold")
        #expect(scaffolded.status == 0, "\(scaffolded)")
        return lab
    }

    static func link(_ lab: TemporaryLab, _ path: String, to target: URL) throws {
        try? FileManager.default.removeItem(at: lab.url(path))
        try FileManager.default.createDirectory(at: lab.url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: lab.url(path).path, withDestinationPath: target.path)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        /// Where the link is planted, relative to the lab.
        var link: String
        /// `true`: to the outside folder; `false`: to the outside file.
        var toFolder: Bool
        var command: [String]
        var status: Int32
        /// What the error names.
        var path: String
        /// Extra preparation, as a shell snippet run in the lab (e.g. a template change).
        var before: String = ""

        var testDescription: String { "\(link) → outside \(toFolder ? "folder" : "file"): lab \(command.joined(separator: " "))" }
    }

    static let cases: [Case] = [
        // The pack of merge bases; the folder of one file per base that earlier labs hold (read,
        // then removed); the folder of both.
        Case(link: ".lab/base/app.bases", toFolder: false, command: ["scaffold"], status: 1, path: ".lab/base/app.bases",
             before: "echo changed > tpl/main.txt"),
        Case(link: ".lab/base/app", toFolder: true, command: ["scaffold"], status: 1, path: ".lab/base/app",
             before: "echo changed > tpl/main.txt"),
        Case(link: ".lab/base", toFolder: true, command: ["scaffold"], status: 1, path: ".lab/base",
             before: "echo changed > tpl/sub/deep.txt"),
        Case(link: ".lab", toFolder: true, command: ["scaffold"], status: 1, path: ".lab", before: "echo changed > tpl/main.txt"),
        Case(link: ".lab", toFolder: true, command: ["check"], status: 1, path: ".lab"),
        Case(link: ".lab", toFolder: true, command: ["mark", "by-hand"], status: 1, path: ".lab"),
        Case(link: ".lab/backup", toFolder: true, command: ["scaffold", "--force"], status: 1, path: ".lab/backup",
             before: "echo mine >> app/main.txt; echo changed > tpl/main.txt"),
        Case(link: ".lab/state.json", toFolder: false, command: ["check"], status: 1, path: ".lab/state.json"),
        Case(link: ".lab/scaffold.lock", toFolder: false, command: ["scaffold"], status: 1, path: ".lab/scaffold.lock",
             before: "echo changed > tpl/main.txt"),
        Case(link: "docs/phases/phase-01.md", toFolder: false, command: ["mark", "by-hand"], status: 1, path: "docs/phases/phase-01.md"),
        Case(link: "docs/phases/phase-01.md", toFolder: false, command: ["check"], status: 1, path: "docs/phases/phase-01.md"),
        Case(link: "docs", toFolder: true, command: ["phase", "start", "2"], status: 1, path: "docs"),
        Case(link: "README.md", toFolder: false, command: ["phase", "start", "2"], status: 1, path: "README.md"),
        Case(link: "README.md", toFolder: false, command: ["phase", "finish", "1", "--force"], status: 1, path: "README.md"),
        Case(link: "lab.yml", toFolder: false, command: ["phase", "start", "2"], status: 2, path: "lab.yml"),
        Case(link: "app", toFolder: true, command: ["scaffold"], status: 1, path: "app", before: "echo changed > tpl/main.txt"),
        Case(link: "app/sub", toFolder: true, command: ["scaffold"], status: 1, path: "app/sub", before: "echo changed > tpl/sub/deep.txt"),
        Case(link: "tpl", toFolder: true, command: ["scaffold"], status: 1, path: "tpl", before: "mkdir -p /dev/null/x 2>/dev/null; true"),
    ]

    @Test(arguments: cases)
    func refusedWithNothingWritten(_ testCase: Case) throws {
        let lab = try Self.makeLab()
        let outside = try Outside()
        if !testCase.before.isEmpty {
            let prepare = Process()
            prepare.executableURL = URL(fileURLWithPath: "/bin/sh")
            prepare.arguments = ["-c", testCase.before]
            prepare.currentDirectoryURL = lab.root
            try prepare.run()
            prepare.waitUntilExit()
        }
        if testCase.link == "lab.yml" {
            // The lab's own file, moved out and linked back: editing it would write outside.
            try Data(Self.labFile.utf8).write(to: outside.file)
        }
        if testCase.link == "tpl" {
            try FileManager.default.copyItem(at: lab.url("tpl"), to: outside.root.appending(path: "tpl"))
        }
        let target = testCase.link == "tpl" ? outside.root.appending(path: "tpl") : (testCase.toFolder ? outside.root : outside.file)
        try Self.link(lab, testCase.link, to: target)
        let before = outside.snapshot()
        let labBefore = lab.snapshot()

        let result = try lab.lab(arguments: testCase.command)

        #expect(result.status == testCase.status, "\(result)")
        #expect(outside.snapshot() == before, "nothing outside the lab changes: \(result)")
        let errors = result.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count >= 1 && errors.first?.contains("'\(testCase.path)") == true, "\(result)")
        #expect(result.stderr.contains("outside the lab"), "\(result)")
        #expect(result.stderr.contains(outside.root.standardizedFileURL.resolvingSymlinksInPath().path), "names where it leads: \(result)")
        // Nothing of the lab's own changed either: the run was refused before its first write.
        var after = lab.snapshot()
        after[".lab/lock"] = labBefore[".lab/lock"]
        #expect(after == labBefore, "\(result)")
    }

    @Test func aLinkThatStaysInsideIsFollowed() throws {
        let lab = try Self.makeLab()
        try FileManager.default.createDirectory(at: lab.url("notes"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: lab.url("docs/phases/phase-01.md"), to: lab.url("notes/phase-01.md"))
        try Self.link(lab, "docs/phases/phase-01.md", to: lab.url("notes/phase-01.md"))
        let result = try lab.lab("mark", "by-hand")
        #expect(result.status == 0, "\(result)")
        #expect(lab.read("notes/phase-01.md")?.contains("- [x] By hand") == true)
        var isLink: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: lab.url("docs/phases/phase-01.md").path, isDirectory: &isLink))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: lab.url("docs/phases/phase-01.md").path)) != nil, "the link stays")
    }

    @Test func aTemplateFolderLinkedOutOfTheLabIsRefusedByValidateToo() throws {
        let lab = try Self.makeLab()
        let outside = try Outside()
        try FileManager.default.copyItem(at: lab.url("tpl"), to: outside.root.appending(path: "tpl"))
        try Self.link(lab, "tpl", to: outside.root.appending(path: "tpl"))
        let result = try lab.lab("validate")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("'tpl': it is a symbolic link to"), "\(result)")
    }

    /// A stranger's lab whose phase document leads into `.git/hooks` through a link that stays
    /// inside the lab: a checklist appended to a hook would run at the next `git commit`.
    @Test func noWriteLeadsIntoGitThroughALinkInside() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": "lab: Hooked\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n    doc: docs/hooks/pre-commit\n    exercises:\n      - { id: e, title: \"x; touch pwned #\", verify: [{ run: \"true\" }] }\n",
            ".git/hooks/pre-commit": "#!/bin/sh\necho user hook\n# - [ ] x <!-- lab:e -->\n- [ ] x <!-- lab:e -->\n",
        ])
        try Self.link(lab, "docs/hooks", to: lab.url(".git/hooks"))
        let hook = lab.read(".git/hooks/pre-commit")
        for command in [["phase", "start", "1"], ["mark", "e", "--force"], ["check", "e"]] {
            let result = try lab.lab(arguments: command)
            #expect(result.status != 0, "\(command): \(result)")
            #expect(result.stderr.contains("it leads into '.git', where git keeps the repository"), "\(command): \(result)")
            #expect(lab.read(".git/hooks/pre-commit") == hook, "\(command)")
        }
        #expect(!lab.exists(".git/hooks/pre-commit.lab-tmp") && !lab.exists("pwned"))
    }

    /// `--output report.xml` — the name the documentation and the shipped CI workflow use — is a
    /// link a cloned lab planted, out of the lab: refused, as any write of the lab's is; a FIFO
    /// there is not replaced by a file. A report path outside the lab is the user's own, and is
    /// written where it points.
    @Test func aReportPathInsideTheLabIsTheLabsRulesToo() throws {
        let outside = try Outside()
        let lab = try TemporaryLab(files: [
            "lab.yml": "lab: Planted\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n    exercises:\n      - { id: e, title: E, verify: [{ run: \"true\" }] }\n",
        ])
        try Self.link(lab, "report.xml", to: outside.file)
        let junit = try lab.lab("check", "--format", "junit", "--output", "report.xml", "--no-mark")
        #expect(junit.status == 1, "\(junit)")
        #expect(junit.stderr.contains("cannot write 'report.xml': it is a symbolic link to"), "\(junit)")
        #expect(try String(contentsOf: outside.file, encoding: .utf8) == "precious\n")
        #expect(mkfifo(lab.url("fifo.json").path, 0o644) == 0)
        let fifo = try lab.lab("check", "--output", "fifo.json", "--no-mark")
        #expect(fifo.status == 1 && fifo.stderr.contains("it is not a regular file (a device, a FIFO or a socket)"), "\(fifo)")
        var info = stat()
        #expect(lstat(lab.url("fifo.json").path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO is still a FIFO")
        // Outside the lab, the user's own link is followed.
        let mine = outside.root.appending(path: "mine.json")
        try FileManager.default.createSymbolicLink(atPath: mine.path, withDestinationPath: outside.file.path)
        let own = try lab.lab("check", "--output", mine.path, "--no-mark")
        #expect(own.status == 0, "\(own)")
        #expect(try String(contentsOf: outside.file, encoding: .utf8).hasPrefix("{"), "written through the user's link")
    }

    /// A template reached through a link inside the lab that leads into `.git` is not copied: a
    /// scaffold `from:` a link to `.git`, a note template linked to `.git/config` (a remote URL
    /// with a token would land in the learner's commits).
    @Test func nothingIsCopiedOutOfGitThroughALink() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": "lab: Leak\ntemplates: { note: docs/tpl/note.md }\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n    exercises:\n      - { id: e, title: E }\nscaffolds:\n  s: { from: tpl, into: docs/snapshot }\n",
            ".git/config": "[remote \"origin\"]\n\turl = https://learner:ghp_SECRET@github.com/l/lab.git\n",
        ])
        try Self.link(lab, "tpl", to: lab.url(".git"))
        try FileManager.default.createDirectory(at: lab.url("docs/tpl"), withIntermediateDirectories: true)
        try Self.link(lab, "docs/tpl/note.md", to: lab.url(".git/config"))
        let scaffold = try lab.lab("scaffold")
        #expect(scaffold.status != 0, "\(scaffold)")
        #expect(scaffold.stderr.contains("cannot copy from 'tpl': it leads into '.git'"), "\(scaffold)")
        let note = try lab.lab("new", "note", "First")
        #expect(note.status != 0, "\(note)")
        #expect(note.stderr.contains("cannot copy from 'docs/tpl/note.md': it leads into '.git'"), "\(note)")
        #expect(!lab.exists("docs/snapshot") && !lab.exists("docs/notes/first.md"))
    }

    /// `sources` through a link out of the lab: nothing outside is walked or fingerprinted (a
    /// link to `/` walked the whole file system).
    @Test func sourcesAreNotTakenFromOutsideThroughALink() throws {
        let outside = try Outside()
        let lab = try TemporaryLab(files: [
            "lab.yml": "lab: Sources\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n    exercises:\n      - { id: e, title: E, sources: [\"out/**\", \"secret.txt\", \"src/*\"], verify: [{ run: \"true\" }] }\n",
            "src/mine.txt": "mine\n",
        ])
        try Self.link(lab, "out", to: outside.root)
        try Self.link(lab, "secret.txt", to: outside.file)
        try Self.link(lab, "src/theirs.txt", to: outside.file)
        let first = try lab.lab("check", "--no-mark")
        #expect(first.status == 0, "\(first)")
        let state = try #require(lab.read(".lab/state.json"))
        #expect(!state.contains("precious") && !state.contains("out/") && !state.contains("secret.txt") && !state.contains("theirs"), "\(state)")
        // What is outside is no part of the fingerprint: changing it leaves the exercise up to date,
        // and changing the lab's own file does not.
        try Data("changed\n".utf8).write(to: outside.file)
        try Data("new\n".utf8).write(to: outside.root.appending(path: "more.txt"))
        #expect(try lab.lab("check", "--dry-run").stdout.contains("up to date  e"))
        try lab.write("src/mine.txt", "changed\n")
        #expect(try lab.lab("check", "--dry-run").stdout.contains("run         e"))
    }

    @Test func initRefusesAFolderLinkedOut() throws {
        let outside = try Outside()
        let lab = try TemporaryLab()
        try FileManager.default.createSymbolicLink(atPath: lab.url("docs").path, withDestinationPath: outside.root.path)
        let before = outside.snapshot()
        let result = try lab.lab("init")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("'docs' is a symbolic link to"), "\(result)")
        #expect(outside.snapshot() == before)
        #expect(!lab.exists("lab.yml"), "nothing written")
    }
}
