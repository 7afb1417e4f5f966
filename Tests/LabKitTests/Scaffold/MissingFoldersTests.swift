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

/// A plan made before the lab's lock was taken is made again when the disk changed meanwhile:
/// `stillMatchesDisk` rules files out by their missing folders, looked up afresh.
struct PlanStillMatchesDiskTests {
    @Test func aFileAppearingWhereThePlanFoundNoneIsSeen() throws {
        let lab = try ScratchLab()
        try lab.write("tpl/deep/er/a.md", "a\n")
        try lab.write("tpl/b.md", "b\n")
        try lab.write("app/keep.md", "mine\n")
        let plan = lab.plan()
        #expect(plan.stillMatchesDisk(root: lab.root))
        // In a folder the plan found missing, then in one it found there.
        try lab.write("app/deep/er/a.md", "a\n")
        #expect(!plan.stillMatchesDisk(root: lab.root))
        try FileManager.default.removeItem(at: lab.root.appending(path: "app/deep"))
        #expect(plan.stillMatchesDisk(root: lab.root))
        try FileManager.default.createDirectory(at: lab.root.appending(path: "app/deep/er"), withIntermediateDirectories: true)
        #expect(plan.stillMatchesDisk(root: lab.root), "a folder alone changes no file of the plan")
        try lab.write("app/b.md", "b\n")
        #expect(!plan.stillMatchesDisk(root: lab.root))
    }
}
