import Foundation
import Testing

@testable import LabKit

/// The commit check events name, read from git's files without running git.
@Suite struct GitHeadTests {
    static let commit = "0123456789abcdef0123456789abcdef01234567"

    @Test func aBranchReference() throws {
        let folder = try TemporaryFolder()
        try folder.write(".git/HEAD", "ref: refs/heads/main\n")
        try folder.write(".git/refs/heads/main", Self.commit + "\n")
        try folder.makeFolder("docs")
        #expect(GitHead.shortCommit(root: folder.root.path) == "0123456")
        // A lab in a folder of the repository finds the repository above it.
        #expect(GitHead.shortCommit(root: folder.root.appending(path: "docs").path) == "0123456")
    }

    /// Blanks around a file's first line do not matter, nor what follows it.
    @Test func aFirstLineIsReadWithoutItsBlanks() throws {
        let folder = try TemporaryFolder()
        try folder.write(".git/HEAD", " \tref: refs/heads/main \r\nsecond line\n")
        try folder.write(".git/refs/heads/main", Self.commit + "\r\n")
        #expect(GitHead.shortCommit(root: folder.root.path) == "0123456")
        try folder.write("empty", "")
        #expect(GitHead.readText(folder.root.path + "/empty") == "")
        try folder.write("blank", " \t\r\n")
        #expect(GitHead.readText(folder.root.path + "/blank") == "")
        #expect(GitHead.readText(folder.root.path + "/missing") == nil)
    }

    @Test func aPackedReferenceAndADetachedHead() throws {
        let folder = try TemporaryFolder()
        try folder.write(".git/HEAD", "ref: refs/heads/topic\n")
        try folder.write(".git/packed-refs", "# pack-refs with: peeled fully-peeled sorted\n\(Self.commit) refs/heads/topic\n")
        #expect(GitHead.shortCommit(root: folder.root.path) == "0123456")
        try folder.write(".git/HEAD", "FEDCBA9876543210FEDCBA9876543210FEDCBA98\n")
        #expect(GitHead.shortCommit(root: folder.root.path) == "fedcba9")
    }

    @Test func aWorktreeFindsItsBranchInTheCommonFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("main/.git/refs/heads/feature", Self.commit + "\n")
        try folder.write("main/.git/worktrees/wt/HEAD", "ref: refs/heads/feature\n")
        try folder.write("main/.git/worktrees/wt/commondir", "../..\n")
        try folder.write("wt/.git", "gitdir: \(folder.root.path)/main/.git/worktrees/wt\n")
        #expect(GitHead.shortCommit(root: folder.root.appending(path: "wt").path) == "0123456")
    }

    @Test func nothingWhenThereIsNoCommit() throws {
        let folder = try TemporaryFolder()
        try folder.write(".git/HEAD", "ref: refs/heads/main\n")
        #expect(GitHead.shortCommit(root: folder.root.path) == nil, "a branch without a commit yet")
        try folder.write(".git/HEAD", "ref: refs/heads/../../../etc/passwd\n")
        #expect(GitHead.shortCommit(root: folder.root.path) == nil)
    }
}
