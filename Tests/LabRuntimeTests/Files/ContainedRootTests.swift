import Foundation
import Testing

@testable import LabRuntime

/// The no-escape rule: `resolve` of one path, and `check` of many at once, which resolves each
/// folder among them once and must decide exactly as `resolve` does.
@Suite struct ContainedRootTests {
    /// A lab with a folder, a file, links that stay inside, links out, a dangling link and a loop;
    /// and a folder outside it.
    private static func makeTree() throws -> (root: String, outside: String, cleanup: () -> Void) {
        let top = FileManager.default.temporaryDirectory.appending(path: "contained-\(UUID().uuidString)").path
        let root = top + "/lab"
        let outside = top + "/outside"
        for folder in [root + "/docs/notes", root + "/.lab/base", root + "/.git/hooks", outside + "/deep"] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        FileManager.default.createFile(atPath: root + "/docs/readme.md", contents: Data("x".utf8))
        let links = [
            ("docs/inside", "notes"), ("docs/up", ".."), ("docs/file-link", "readme.md"), ("out", outside),
            ("docs/out-relative", "../../outside/deep"), ("dangling", "missing/deeper"), ("loop-a", "loop-b"), ("loop-b", "loop-a"),
            (".lab/base/big", "../../../outside"),
        ]
        for (path, target) in links { symlink(target, root + "/" + path) }
        return (root, outside, { try? FileManager.default.removeItem(atPath: top) })
    }

    @Test func missingPartsAreKeptAsWritten() throws {
        let (root, _, cleanup) = try Self.makeTree()
        defer { cleanup() }
        let files = ContainedRoot(root)
        #expect(try files.resolve("new/deeper/file.txt").absolute == files.realPath + "/new/deeper/file.txt")
        #expect(try files.resolve("docs/readme.md/below").absolute == files.realPath + "/docs/readme.md/below")
        #expect(try files.resolve("new/../docs/inside/a").absolute == files.realPath + "/docs/notes/a")
        #expect(try files.resolve("dangling/x").absolute == files.realPath + "/missing/deeper/x")
    }

    @Test func linksOutAreRefused() throws {
        let (root, _, cleanup) = try Self.makeTree()
        defer { cleanup() }
        let files = ContainedRoot(root)
        for path in ["out", "out/x", "docs/out-relative/y", "docs/up/../z", ".lab/base/big/file", "docs/up/docs/up/.."] {
            #expect(throws: FileError.self, "\(path)") { try files.resolve(path) }
            #expect(throws: FileError.self, "\(path)") { try files.check(["docs/readme.md", path]) }
        }
    }

    /// `café` with `é` as one character is a folder of the lab; with `e` + U+0301 a link out of it.
    /// One String, two names: a path through the second is refused however many paths go through
    /// the first, whichever comes first.
    @Test func canonicallyEquivalentFoldersAreResolvedApart() throws {
        let (root, outside, cleanup) = try Self.makeTree()
        defer { cleanup() }
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        try FileManager.default.createDirectory(atPath: root + "/" + composed, withIntermediateDirectories: true)
        #expect(symlink(outside, root + "/" + decomposed) == 0)
        let files = ContainedRoot(root)
        #expect(throws: FileError.self) { try files.resolve(decomposed + "/b.txt") }
        #expect(throws: FileError.self) { try files.check([composed + "/a.txt", decomposed + "/b.txt"]) }
        #expect(throws: FileError.self) { try files.check([decomposed + "/b.txt", composed + "/a.txt"]) }
        #expect(throws: Never.self) { try files.check([composed + "/a.txt", composed + "/b.txt"]) }
    }

    /// Nothing is written where git keeps the repository, however the path gets there: a hook
    /// there runs at the next `git commit`. Reading is not refused.
    @Test func writesNeverLeadIntoGit() throws {
        let (root, _, cleanup) = try Self.makeTree()
        defer { cleanup() }
        try FileManager.default.createDirectory(atPath: root + "/.git/hooks", withIntermediateDirectories: true)
        symlink("../.git/hooks", root + "/docs/hooks")
        let files = ContainedRoot(root)
        for path in [".git/hooks/pre-commit", ".git", "docs/hooks/pre-commit", "docs/../.git/config", "docs/hooks"] {
            #expect(throws: FileError.self, "\(path)") { try files.resolve(path) }
            #expect(throws: FileError.self, "\(path)") { try files.check(["docs/readme.md", path]) }
            #expect(throws: FileError.self, "\(path)") { try files.resolve(path, for: "remove") }
            #expect(throws: Never.self, "\(path)") { try files.resolve(path, for: "read") }
        }
        do {
            _ = try files.resolve("docs/hooks/pre-commit")
        } catch {
            #expect(error.description.contains("it leads into '.git', where git keeps the repository"), "\(error)")
        }
        for path in [".gitignore", ".github/workflows/lab.yml", "docs/.git-notes", "git/x"] {
            #expect(throws: Never.self, "\(path)") { try files.resolve(path) }
            #expect(throws: Never.self, "\(path)") { try files.check([path]) }
        }
    }

    /// Random paths over the tree's names: `check` of each alone throws exactly when `resolve`
    /// does, and `check` of a list throws the error of its first bad path.
    @Test func checkDecidesAsResolveDoes() throws {
        let (root, _, cleanup) = try Self.makeTree()
        defer { cleanup() }
        let files = ContainedRoot(root)
        let words = ["docs", "notes", "inside", "up", "file-link", "readme.md", "out", "out-relative", "dangling",
                     "loop-a", ".lab", "base", "big", "new", ".", "..", "deep", "x", ".git", "hooks"]
        var seed: UInt64 = 0xC0FFEE
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        var paths: [String] = []
        for _ in 0..<400 {
            paths.append((0...next(5)).map { _ in words[next(words.count)] }.joined(separator: "/"))
        }
        var refused = 0
        for path in paths {
            let single = Result { () throws(FileError) in try files.resolve(path) }
            let batch = Result { () throws(FileError) in try files.check([path]) }
            switch (single, batch) {
            case (.success, .success): break
            case (.failure(let a), .failure(let b)):
                #expect(a.description == b.description, "\(path)")
                refused += 1
            default:
                Issue.record("\(path): resolve \(single), check \(batch)")
            }
        }
        #expect(refused > 20 && refused < 380, "\(refused) refused")
        // Many paths at once, sharing folders: the first bad one is reported.
        let firstBad = paths.first { (try? files.resolve($0)) == nil }
        do {
            try files.check(paths)
            #expect(firstBad == nil)
        } catch {
            let expected = Result { () throws(FileError) in try files.resolve(firstBad ?? "") }
            if case .failure(let resolveError) = expected {
                #expect(error.description == resolveError.description)
            } else {
                Issue.record("check refused \(error) but resolve accepts every path")
            }
        }
        let good = paths.filter { (try? files.resolve($0)) != nil }
        #expect(throws: Never.self) { try files.check(good) }
    }
}
