import Foundation
import Testing

/// The merge bases of a scaffold live in one file, `.lab/base/<scaffold>.bases`. A lab whose bases
/// are still one file each (`.lab/base/<scaffold>/<path>`, as earlier versions wrote them) merges
/// from them, and its next run packs them and removes the folder. A pack that no longer reads, or a
/// base that no longer matches its digest, refuses the run before anything is written.
@Suite struct ScaffoldBasePackTests {
    let lines = "a\nb\nc\nd\ne\nf\ng\nh\n"

    /// A scaffolded lab turned into the layout of earlier versions: each base a file, no pack.
    func labWithOneFilePerBase(_ templates: [String: String]) throws -> TemporaryLab {
        let lab = try TemporaryLab.scaffolded(templates)
        #expect(try lab.lab("scaffold").status == 0)
        for path in templates.keys {
            let base = try #require(lab.base("app", path))
            try lab.write(".lab/base/app/" + path, base)
        }
        try lab.remove(".lab/base/app.bases")
        return lab
    }

    /// A template file of 128–256 KiB (half the pack writer's buffer or more, and room for it
    /// beside what came before) was written ahead of the pack's header, and every later run
    /// refused the pack; sizes around the buffer's are packed in order and merged from.
    @Test(arguments: [131_071, 131_072, 200_000, 262_143, 262_144, 300_000])
    func largeFilesArePackedInOrder(_ size: Int) throws {
        let line = "line of text\n"
        let text = String(String(repeating: line, count: size / line.utf8.count + 1).utf8.prefix(size))!
        let lab = try TemporaryLab.scaffolded(["big.txt": text, "a.txt": lines])
        let first = try lab.lab("scaffold")
        #expect(first.status == 0, "\(first)")
        #expect(lab.read(".lab/base/app.bases")?.hasPrefix("# lab merge bases of scaffold 'app'") == true)
        #expect(lab.base("app", "big.txt") == text)
        try lab.write("app/a.txt", lines.replacingOccurrences(of: "b\n", with: "B (mine)\n"))
        try lab.write("tpl/a.txt", lines.replacingOccurrences(of: "g\n", with: "G (template)\n"))
        let second = try lab.lab("scaffold")
        #expect(second.status == 0, "\(second)")
        #expect(lab.read("app/a.txt") == "a\nB (mine)\nc\nd\ne\nf\nG (template)\nh\n")
        #expect(lab.base("app", "big.txt") == text)
    }

    /// A lock that does not read is an error located in it, with the way out, and the summary
    /// line counts it as an error (it said "1 refused path").
    @Test func aLockThatDoesNotReadIsAnErrorNotARefusedPath() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": lines])
        #expect(try lab.lab("scaffold").status == 0)
        try lab.write(".lab/scaffold.lock", (lab.read(".lab/scaffold.lock") ?? "") + "garbage line\n")
        let result = try lab.lab("scaffold")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains(".lab/scaffold.lock:") && result.stderr.contains("error: unknown line 'garbage'"), "\(result)")
        #expect(result.stderr.contains("note: run 'lab scaffold --repair-lock'"), "\(result)")
        #expect(result.stderr.hasSuffix("lab: error: nothing written: 1 error\n"), "\(result)")
    }

    /// `--repair-lock` writes the lock before the run is planned: when the run is then refused,
    /// the summary says nothing *else* was written (it said "nothing written" after "rebuilt").
    @Test func aRefusedRunAfterARepairedLockSaysNothingElseWasWritten() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": lines])
        #expect(try lab.lab("scaffold").status == 0)
        try lab.write("tpl/two.txt", "two\n")
        let outside = FileManager.default.temporaryDirectory.appending(path: "outside-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(atPath: lab.url("app/two.txt").path, withDestinationPath: outside.path)
        let result = try lab.lab("scaffold", "--repair-lock")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("rebuilt .lab/scaffold.lock from .lab/base/ (1 file)"), "\(result)")
        #expect(result.stderr.hasSuffix("lab: error: nothing else written: 1 error\n"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: outside.path))
    }

    @Test func basesKeptOneFileEachAreMergedFromThenPacked() throws {
        let lab = try labWithOneFilePerBase(["a.txt": lines, "sub/b.txt": "b\n"])
        try lab.write("app/a.txt", lines.replacingOccurrences(of: "b\n", with: "B (mine)\n"))
        try lab.write("tpl/a.txt", lines.replacingOccurrences(of: "g\n", with: "G (template)\n"))
        let lock = lab.read(".lab/scaffold.lock")

        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("merge         app/a.txt"), "the base in the old folder was read: \(result)")
        #expect(lab.read("app/a.txt") == "a\nB (mine)\nc\nd\ne\nf\nG (template)\nh\n")
        #expect(lab.base("app", "a.txt") == lines.replacingOccurrences(of: "g\n", with: "G (template)\n"))
        #expect(lab.base("app", "sub/b.txt") == "b\n", "a base the run did not change is packed too")
        #expect(!lab.exists(".lab/base/app"), "the folder is gone once the pack holds its bases")
        #expect(lab.read(".lab/scaffold.lock") != lock)
        let again = try lab.lab("scaffold")
        #expect(again.status == 0 && again.stdout.contains("1 kept yours, 1 unchanged"), "settled: \(again)")
    }

    @Test func aRunThatChangesNothingStillPacksTheFolder() throws {
        let lab = try labWithOneFilePerBase(["a.txt": "a\n", "b.txt": "b\n"])
        let lock = lab.read(".lab/scaffold.lock")
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("2 unchanged"), "\(result)")
        #expect(lab.base("app", "a.txt") == "a\n" && lab.base("app", "b.txt") == "b\n")
        #expect(!lab.exists(".lab/base/app"))
        #expect(lab.read(".lab/scaffold.lock") == lock)
        #expect(!lab.exists(".lab/scaffold.journal"))
    }

    @Test func aDryRunLeavesTheFolderAlone() throws {
        let lab = try labWithOneFilePerBase(["a.txt": "a\n"])
        let result = try lab.lab("scaffold", "--dry-run")
        #expect(result.status == 0, "\(result)")
        #expect(lab.exists(".lab/base/app/a.txt") && !lab.exists(".lab/base/app.bases"))
    }

    @Test func theLockIsRepairedFromThePack() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": "a\n", "run.sh": "#!/bin/sh\n"])
        try lab.setExecutable("tpl/run.sh")
        #expect(try lab.lab("scaffold").status == 0)
        let lock = try #require(lab.read(".lab/scaffold.lock"))
        try lab.write(".lab/scaffold.lock", "scaffold app\nfile nonsense\n")
        let refused = try lab.lab("scaffold")
        #expect(refused.status != 0 && refused.stderr.contains("--repair-lock"), "\(refused)")
        let repaired = try lab.lab("scaffold", "--repair-lock")
        #expect(repaired.status == 0, "\(repaired)")
        #expect(repaired.stdout.contains("rebuilt .lab/scaffold.lock from .lab/base/ (2 files)"), "\(repaired)")
        let fileLines = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("file ") } }
        #expect(fileLines(lab.read(".lab/scaffold.lock") ?? "") == fileLines(lock), "the same entries, modes and digests")
    }

    /// `.lab/base` is lab's own: a link there, even one that stays inside the lab, refuses the run.
    /// Bases read through a link to the scaffold's own files would look untouched, and the edit
    /// would be overwritten; a pack written through a link would replace the file it leads to.
    @Test(arguments: [
        (".lab/base/app", "app", true),
        (".lab/base/app.bases", "notes.txt", false),
        (".lab/base", "docs", true),
    ])
    func aLinkAmongTheBasesRefusesTheRun(link: String, target: String, legacy: Bool) throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": lines])
        #expect(try lab.lab("scaffold").status == 0)
        try lab.write("notes.txt", "my notes\n")
        try FileManager.default.createDirectory(at: lab.url("docs"), withIntermediateDirectories: true)
        try lab.remove(".lab/base/app.bases")
        if legacy { try FileManager.default.removeItem(at: lab.url(".lab/base")) }
        try FileManager.default.createDirectory(at: lab.url(link).deletingLastPathComponent(), withIntermediateDirectories: true)
        let depth = link.split(separator: "/").count - 1
        try FileManager.default.createSymbolicLink(
            atPath: lab.url(link).path, withDestinationPath: String(repeating: "../", count: depth) + target)
        try lab.write("app/a.txt", lines + "mine\n")
        try lab.write("tpl/a.txt", lines.replacingOccurrences(of: "a\n", with: "A\n"))
        let before = lab.snapshot()

        let result = try lab.lab("scaffold")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("'\(link)'") && result.stderr.contains("symbolic link"), "\(result)")
        var after = lab.snapshot()
        after[".lab/lock"] = before[".lab/lock"]
        #expect(after == before, "nothing written")
        #expect(lab.read("app/a.txt") == lines + "mine\n" && lab.read("notes.txt") == "my notes\n")
    }

    /// A pack that reads, but whose base is not what the lock says was generated (here: the
    /// learner's edited file, digest and all), is not merged from: the edit stays, and the render
    /// goes beside it.
    @Test func aBaseThatDisagreesWithTheLockIsNotMergedFrom() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": lines])
        #expect(try lab.lab("scaffold").status == 0)
        let edited = lines + "mine\n"
        try lab.write("app/a.txt", edited)
        try lab.write(".lab/base/app.bases", try Self.pack(["a.txt": edited]))
        try lab.write("tpl/a.txt", lines.replacingOccurrences(of: "a\n", with: "A\n"))
        let result = try lab.lab("scaffold")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("no merge base in .lab/base"), "\(result)")
        #expect(lab.read("app/a.txt") == edited)
        #expect(lab.read("app/a.txt.lab-new") == lines.replacingOccurrences(of: "a\n", with: "A\n"))
        #expect(lab.base("app", "a.txt") == lines.replacingOccurrences(of: "a\n", with: "A\n"), "the base is the new render again")
    }

    /// A lock (or merge bases that `--repair-lock` reads) naming a file in `.git/`, `.lab/` or
    /// `lab.yml` — which no scaffold generates — refuses the run instead of removing it.
    @Test func aRecordOfAFileLabNeverGeneratesRemovesNothing() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": "a\n"])
        #expect(try lab.lab("scaffold").status == 0)
        try lab.write(".git/HEAD", "ref: refs/heads/main\n")
        let lock = try #require(lab.read(".lab/scaffold.lock"))
        let head = "file 644 \(Self.sha256("ref: refs/heads/main\n")) _root/.git/HEAD\n"
        try lab.write(".lab/scaffold.lock", lock + head)
        let planted = try lab.lab("scaffold")
        #expect(planted.status == 1, "\(planted)")
        #expect(planted.stderr.contains("cannot remove '.git/HEAD'") && planted.stderr.contains("lab never generates a file in '.git/'"), "\(planted)")
        #expect(lab.read(".git/HEAD") == "ref: refs/heads/main\n")

        // The same through the bases: an entry for lab.yml, the lock gone, --repair-lock.
        let labFile = try #require(lab.read("lab.yml"))
        try lab.write(".lab/base/app.bases", try Self.pack(["a.txt": "a\n", "_root/lab.yml": labFile]))
        try lab.remove(".lab/scaffold.lock")
        let repaired = try lab.lab("scaffold", "--repair-lock")
        #expect(repaired.status != 0, "\(repaired)")
        #expect(repaired.stderr.contains("'.lab/base/app.bases': line 3: a base of '_root/lab.yml', but lab never generates lab.yml"), "\(repaired)")
        #expect(lab.read("lab.yml") == labFile)
        #expect(!lab.exists(".lab/scaffold.lock"), "no lock rebuilt from such bases")
    }

    static func sha256(_ text: String) -> String {
        let result = try? Tool.run(["sh", "-c", "printf '%s' \"$0\" | sha256sum | cut -c1-64", text], in: FileManager.default.temporaryDirectory)
        return (result?.output ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A pack holding `bases`, written as the README describes the format.
    static func pack(_ bases: [String: String]) throws -> String {
        var text = "# lab merge bases of scaffold 'app'\nversion 1\n"
        for (path, content) in bases.sorted(by: { $0.key < $1.key }) {
            text += "file \(content.utf8.count) \(sha256(content)) \(path)\n\(content)\n"
        }
        return text
    }

    /// A checkout that converts line endings (`core.autocrlf`) would break the sizes that frame
    /// each base: the `.gitattributes` of `lab init` keeps git from converting a pack.
    @Test(.enabled(if: Tool.isAvailable("git"), "git is not on PATH"))
    func gitLeavesThePacksLineEndingsAlone() throws {
        let lab = try TemporaryLab()
        #expect(try lab.lab("init").status == 0)
        #expect(try Tool.run(["git", "init", "-q"], in: lab.root).status == 0)
        let attribute = try Tool.run(["git", "check-attr", "text", "--", ".lab/base/cloud.bases"], in: lab.root)
        #expect(attribute.output == ".lab/base/cloud.bases: text: unset\n", "\(attribute)")
    }

    /// Damage done to the pack, and what the error says.
    static let damage: [(name: String, change: @Sendable (String) -> String, says: String)] = [
        ("cut short", { String($0.dropLast(3)) }, "line "),
        ("conflict markers", { $0.replacingOccurrences(of: "version 1\n", with: "version 1\n<<<<<<< HEAD\n") }, "merge conflict markers"),
        ("line endings converted", { $0.replacingOccurrences(of: "\n", with: "\r\n") }, "CR LF"),
        ("a base edited, its size kept", { $0.replacingOccurrences(of: "\nd\n", with: "\nD\n") }, "does not match its SHA-256"),
    ]

    @Test(arguments: damage.indices)
    func aDamagedPackRefusesTheRunBeforeAnyWrite(_ index: Int) throws {
        let (name, change, says) = Self.damage[index]
        let lab = try TemporaryLab.scaffolded(["a.txt": lines])
        #expect(try lab.lab("scaffold").status == 0)
        try lab.write(".lab/base/app.bases", change(try #require(lab.read(".lab/base/app.bases"))))
        try lab.write("app/a.txt", lines.replacingOccurrences(of: "b\n", with: "B (mine)\n"))
        try lab.write("tpl/a.txt", lines.replacingOccurrences(of: "g\n", with: "G (template)\n"))
        let before = lab.snapshot()

        let result = try lab.lab("scaffold")
        #expect(result.status == 1, "\(name): \(result)")
        #expect(result.stderr.contains("'.lab/base/app.bases'") && result.stderr.contains(says), "\(name): \(result)")
        var after = lab.snapshot()
        after[".lab/lock"] = before[".lab/lock"]
        #expect(after == before, "\(name): nothing written")

        // The way out the message gives: without the pack, the edited file keeps the learner's text
        // and the render goes beside it.
        try lab.remove(".lab/base/app.bases")
        let fresh = try lab.lab("scaffold")
        #expect(fresh.status == 1, "\(fresh)")
        #expect(lab.read("app/a.txt") == lines.replacingOccurrences(of: "b\n", with: "B (mine)\n"))
        #expect(lab.read("app/a.txt.lab-new") == lines.replacingOccurrences(of: "g\n", with: "G (template)\n"))
    }
}
