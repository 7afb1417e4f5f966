import Foundation
import Testing

@testable import LabKit

/// A scaffold plan's knowledge of missing folders rules out only what cannot exist.
struct MissingFoldersTests {
    @Test func onlyAPathBelowAMissingFolderIsRuledOut() throws {
        let tree = try TemporaryFolder()
        try tree.write("a/file.md")
        try tree.write("plain")
        try tree.link("a/link", to: "nowhere")
        let missing = MissingFolders(root: tree.root.path)
        #expect(missing.ruleOut("gone/x.md"))
        #expect(missing.ruleOut("a/gone/deeper/x.md"))
        #expect(missing.ruleOut("gone/a/file.md"))
        #expect(!missing.ruleOut("a/file.md"), "its folder is there")
        #expect(!missing.ruleOut("a/absent.md"), "its folder is there: look")
        #expect(!missing.ruleOut("top.md"), "no folder on the way")
        #expect(!missing.ruleOut("plain/x"), "a file is in the way, not a missing folder")
        #expect(!missing.ruleOut("a/link/x"), "a dangling link is not missing")
        #expect(missing.isMissing("gone"))
        #expect(!missing.isMissing("a"))
    }

    /// Two names a String compares equal are two folders on disk: one's answer is not the other's.
    @Test func canonicallyEquivalentFoldersAreAskedApart() throws {
        let tree = try TemporaryFolder()
        try tree.write("caf\u{E9}/x.md")
        let missing = MissingFolders(root: tree.root.path)
        #expect(!missing.isMissing("caf\u{E9}"))
        #expect(missing.isMissing("cafe\u{301}"))
        #expect(missing.ruleOut("cafe\u{301}/x.md"))
    }
}
