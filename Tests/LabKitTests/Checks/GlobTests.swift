import Foundation
import LabRuntime
import Testing

@testable import LabKit

/// `sources` globs: the matcher of one path, and the walk that lists a tree's matching files.
@Suite struct GlobTests {
    /// A tree with names that tell the wildcards apart, dot-files and dot-folders at several depths,
    /// a link to a file, a link to a folder, a link to an ancestor and a dangling link.
    static func tree() throws -> TemporaryFolder {
        let tree = try TemporaryFolder()
        for path in [
            "a.txt", "b.md", ".hidden.txt", "c1.txt", "c2.txt", "cA.txt", "cz.txt", "c10.txt", "[x].txt",
            "docs/readme.md", "docs/.draft.md", "docs/notes/x.md", "docs/notes/.secret.md", "docs/notes/x.txt",
            "docs/deep/a/b/y.md", ".config/settings.md", "docs/.cache/z.md", "outside/o.md",
        ] {
            try tree.write(path)
        }
        try tree.makeFolder("docs/empty")
        try tree.link("file-link.md", to: "docs/readme.md")
        try tree.link("docs/folder-link", to: "../outside")
        try tree.link("docs/notes/ancestor", to: "..")
        try tree.link("dangling.md", to: "nowhere.md")
        return tree
    }

    func files(_ pattern: String, in tree: TemporaryFolder) -> [String] {
        Glob(pattern).files(in: tree.root.path, lister: DirectoryLister())
    }

    // MARK: - One segment

    @Test(arguments: [
        ("*.txt", ["[x].txt", "a.txt", "c1.txt", "c10.txt", "c2.txt", "cA.txt", "cz.txt"]),
        ("c?.txt", ["c1.txt", "c2.txt", "cA.txt", "cz.txt"]),
        ("c??.txt", ["c10.txt"]),
        ("c[12].txt", ["c1.txt", "c2.txt"]),
        ("c[0-9]*.txt", ["c1.txt", "c10.txt", "c2.txt"]),
        ("c[!a-z].txt", ["c1.txt", "c2.txt", "cA.txt"]),
        ("c[^0-9].txt", ["cA.txt", "cz.txt"]),
        ("[[]x].txt", ["[x].txt"]),
        ("a.txt", ["a.txt"]),
        ("missing.txt", []),
    ])
    func wildcardsWithinOneSegment(pattern: String, expected: [String]) throws {
        let tree = try Self.tree()
        #expect(files(pattern, in: tree) == expected, "\(pattern)")
    }

    @Test func dotFilesOnlyWhenTheSegmentStartsWithADot() throws {
        let tree = try Self.tree()
        #expect(files(".*.txt", in: tree) == [".hidden.txt"])
        #expect(files(".hidden.txt", in: tree) == [".hidden.txt"])
        #expect(files("docs/.*", in: tree) == ["docs/.cache/z.md", "docs/.draft.md"])
        #expect(files(".config/*.md", in: tree) == [".config/settings.md"])
        #expect(!files("**/*.md", in: tree).contains { $0.split(separator: "/").contains { $0.hasPrefix(".") } })
    }

    // MARK: - `**`

    @Test func anyFoldersAtTheStart() throws {
        let tree = try Self.tree()
        #expect(files("**/*.md", in: tree) == ["b.md", "docs/deep/a/b/y.md", "docs/notes/x.md", "docs/readme.md", "file-link.md", "outside/o.md"])
        // Zero folders too.
        #expect(files("**/b.md", in: tree) == ["b.md"])
        #expect(files("**/x.*", in: tree) == ["docs/notes/x.md", "docs/notes/x.txt"])
    }

    @Test func anyFoldersInTheMiddle() throws {
        let tree = try Self.tree()
        #expect(files("docs/**/y.md", in: tree) == ["docs/deep/a/b/y.md"])
        #expect(files("docs/**/readme.md", in: tree) == ["docs/readme.md"])
        #expect(files("docs/**/b/*.md", in: tree) == ["docs/deep/a/b/y.md"])
        #expect(files("docs/**/*.txt", in: tree) == ["docs/notes/x.txt"])
    }

    @Test func anyFoldersAtTheEnd() throws {
        let tree = try Self.tree()
        #expect(files("docs/**", in: tree) == ["docs/deep/a/b/y.md", "docs/notes/x.md", "docs/notes/x.txt", "docs/readme.md"])
        #expect(files("docs/deep/**", in: tree) == ["docs/deep/a/b/y.md"])
    }

    @Test func aPatternNamingAFolderGivesEveryFileBelowIt() throws {
        let tree = try Self.tree()
        #expect(files("docs/notes", in: tree) == ["docs/notes/x.md", "docs/notes/x.txt"])
        #expect(files("docs/notes/", in: tree) == ["docs/notes/x.md", "docs/notes/x.txt"])
        #expect(files("./docs/deep", in: tree) == ["docs/deep/a/b/y.md"])
        // A wildcard naming a folder too.
        #expect(files("doc*", in: tree) == files("docs/**", in: tree))
        #expect(files("*", in: tree) == files("**", in: tree))
        #expect(files("docs/empty", in: tree) == [])
    }

    // MARK: - Links

    @Test func linksToFilesCountAndLinksToFoldersAreNotWalked() throws {
        let tree = try Self.tree()
        #expect(files("*.md", in: tree) == ["b.md", "file-link.md"])
        #expect(files("file-link.md", in: tree) == ["file-link.md"])
        // `docs/folder-link` leads to `outside/`, `docs/notes/ancestor` back up to `docs/`: no
        // wildcard descends into either, so nothing is found twice and the walk ends.
        let everything = files("**", in: tree)
        #expect(!everything.contains { $0.contains("folder-link") || $0.contains("ancestor") })
        #expect(files("docs/*/o.md", in: tree) == [])
        #expect(files("docs/**/o.md", in: tree) == [])
        #expect(files("docs/notes/*/readme.md", in: tree) == [])
        #expect(!everything.contains("dangling.md"))
        #expect(files("dangling.md", in: tree) == [])
    }

    /// A folder the pattern names, reached through a link: followed while it stays inside the
    /// tree, and not at all when it leads out (`out/**` with `out` a link to `/` would walk the
    /// whole file system, and fingerprint files that are not the lab's).
    @Test func aNamedLinkIsFollowedOnlyInside() throws {
        let outside = try TemporaryFolder()
        try outside.write("secret.txt")
        try outside.write("deep/more.txt")
        let tree = try Self.tree()
        try tree.link("out", to: outside.root.path)
        try tree.link("out-file.txt", to: outside.root.appending(path: "secret.txt").path)
        try tree.link("inside", to: "docs/notes")
        #expect(files("out/**", in: tree) == [])
        #expect(files("out", in: tree) == [])
        #expect(files("out/secret.txt", in: tree) == [])
        #expect(files("out/*/more.txt", in: tree) == [])
        #expect(files("out-file.txt", in: tree) == [])
        #expect(files("docs/folder-link/o.md", in: tree) == ["docs/folder-link/o.md"], "a link inside the tree is followed")
        #expect(files("inside/*.md", in: tree) == ["inside/x.md"])
        #expect(files("inside", in: tree) == ["inside/x.md", "inside/x.txt"])
        // A link to a file outside, met by a wildcard: not a file of the tree, with a root given.
        let contained = Glob("*.txt").files(in: tree.root.path, lister: DirectoryLister(containedIn: tree.root.path))
        #expect(!contained.contains("out-file.txt") && contained.contains("a.txt"), "\(contained)")
        #expect(Glob("*.md").files(in: tree.root.path, lister: DirectoryLister(containedIn: tree.root.path)).contains("file-link.md"))
    }

    // MARK: - Matching one path

    @Test(arguments: [
        ("*.md", "b.md", true),
        ("*.md", "docs/b.md", false),
        ("*.md", ".b.md", false),
        (".*.md", ".b.md", true),
        ("c[!a-z].txt", "cA.txt", true),
        ("c[!a-z].txt", "cz.txt", false),
        ("c?.txt", "c10.txt", false),
        ("**/*.md", "b.md", true),
        ("**/*.md", "docs/a/b/c.md", true),
        ("**/*.md", ".config/c.md", false),
        ("**/*.md", "docs/.cache/c.md", false),
        ("docs/**/y.md", "docs/y.md", true),
        ("docs/**/y.md", "docs/a/b/y.md", true),
        ("docs/**/y.md", "other/a/y.md", false),
        ("docs", "docs/notes/x.md", true),
        ("docs/notes", "docs/notesx/x.md", false),
        ("docs/**", "docs/a/b", true),
        ("a[b", "a[b", true),
    ])
    func matchesOnePath(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path: path) == expected, "\(pattern) ~ \(path)")
    }

    /// The walk and the matcher say the same of every file of the tree: `lab check --watch` lists
    /// files with the one and tells which exercise a changed file concerns with the other.
    @Test(arguments: ["**/*.md", "docs/**", "docs", "docs/notes", "*.txt", "docs/**/x.*", ".*.txt"])
    func walkAndMatcherAgree(pattern: String) throws {
        let tree = try Self.tree()
        let listed = Set(files(pattern, in: tree))
        let everyFile = files("**", in: tree) + files(".*", in: tree) + files("**/.*", in: tree) + files("docs/**/.*", in: tree)
        let disagreements = Set(everyFile).sorted().filter { Glob(pattern).matches(path: $0) != listed.contains($0) }
        #expect(disagreements.isEmpty, "\(pattern): \(disagreements)")
    }

    /// The walk meets every file once, whether or not it remembers what it met (it does only when
    /// a `**` has segments after it, which can reach one file by two ways).
    @Test(arguments: ["**", "docs/**", "**/*.md", "**/notes/*", "docs/**/**", "**/docs/**", "*/**/*.md", "docs", "docs/*"])
    func everyFileOnce(pattern: String) throws {
        let tree = try Self.tree()
        try tree.write("docs/docs/docs/n.md")
        let walked = Glob(pattern).filesInWalkOrder(in: tree.root.path, lister: DirectoryLister(), ignoring: nil)
        #expect(walked.count == Set(walked).count, "\(pattern): \(walked)")
        #expect(!walked.isEmpty)
    }

    /// A walk shared among workers finds the same files in the same order as one walker: in a tree
    /// deep and wide enough to be shared out, with `.gitignore` files at several depths, a folder
    /// the pattern names although it is ignored, links, and patterns that reach a file two ways.
    @Test(arguments: [
        "**", "src/**", "**/*.md", "**/notes/*", "src/**/**", "**/src/**", "*/**/*.md", "src", "src/*", "src/p1/**",
        "src/**/q2/*", "src/p*/q?/**", "**/build/**", "src/p0/build/**", "missing/**", "a.txt", "**/.*",
    ])
    func aSharedWalkFindsWhatOneWalkerFinds(pattern: String) throws {
        let tree = try Self.tree()
        try tree.write(".gitignore", "build/\n/src/p3/q1\n")
        try tree.write("src/p2/.gitignore", "q0/\n!q0/keep/\n")
        for p in 0..<5 {
            for q in 0..<6 {
                for file in 0..<3 {
                    try tree.write("src/p\(p)/q\(q)/f\(file).md")
                    try tree.write("src/p\(p)/q\(q)/notes/n\(file).txt")
                }
                try tree.write("src/p\(p)/q\(q)/.dot/h.md")
            }
            try tree.write("src/p\(p)/build/out.md")
            try tree.write("src/p\(p)/src/nested.md")
        }
        try tree.write("src/p2/q0/keep/k.md")
        try tree.link("src/p1/q1/up", to: "../..")
        let root = tree.root.path
        let one = Glob(pattern).filesInWalkOrder(in: root, lister: DirectoryLister(), ignoring: IgnoreRules(root: root))
        for width in [2, 3, 8] {
            let lister = DirectoryLister()
            let shared = Glob(pattern).filesInWalkOrder(in: root, lister: lister, ignoring: IgnoreRules(root: root, lister: lister), width: width)
            #expect(shared == one, "\(pattern), \(width) workers")
        }
        let unruled = Glob(pattern).filesInWalkOrder(in: root, lister: DirectoryLister(), ignoring: nil)
        #expect(Glob(pattern).filesInWalkOrder(in: root, lister: DirectoryLister(), ignoring: nil, width: 2) == unruled)
    }

    /// A `/` followed by a combining mark still separates, in the pattern, in the walk and in
    /// `matches(path:)` alike: the file system splits paths on the byte.
    @Test func aSlashBeforeACombiningMarkSeparatesEverywhere() throws {
        let tree = try TemporaryFolder()
        try tree.write("src/\u{338}x", "x\n")
        let glob = Glob("src/\u{338}*")
        let walked = glob.files(in: tree.root.path, lister: DirectoryLister())
        #expect(walked == ["src/\u{338}x"])
        #expect(walked.allSatisfy(glob.matches(path:)))
        #expect(Glob("src/*").matches(path: "src/\u{338}x"))
    }
}
