import Foundation
import Testing

@testable import LabRuntime

/// New folder trees are staged side by side, then each renamed into place in its turn.
@Suite struct StagedFolderTests {
    private static func makeRoot() throws -> (ContainedRoot, cleanup: () -> Void) {
        let root = FileManager.default.temporaryDirectory.appending(path: "staged-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return (ContainedRoot(root), { try? FileManager.default.removeItem(atPath: root) })
    }

    private static func files(_ count: Int, _ text: String) -> [StagedFolder.File] {
        (0..<count).map { StagedFolder.File(path: "d\($0 % 7)/f\($0).txt", bytes: Array("\(text) \($0)\n".utf8), mode: 0o666) }
    }

    @Test func twoTreesAreStagedAtOnceAndPlacedInTurn() async throws {
        let (root, cleanup) = try Self.makeRoot()
        defer { cleanup() }
        let staging = try root.resolve(".lab/stage")
        let trees = try await StagedFolder.stage(
            [(Self.files(300, "file"), try root.resolve("app")), (Self.files(300, "base"), try root.resolve(".lab/base/app"))],
            stagingRoot: staging)
        #expect(trees.count == 2)
        // Nothing is in place before `place`.
        #expect(FileSystem.kind(root.absolute("app")) == .missing)
        #expect(FileSystem.list(staging.absolute)?.count == 2)
        #expect(try StagedFolder.place(trees[0]))
        #expect(try FileSystem.read(root.absolute("app/d3/f10.txt")) == Array("file 10\n".utf8))
        #expect(FileSystem.kind(root.absolute(".lab/base/app")) == .missing)
        #expect(try StagedFolder.place(trees[1]))
        #expect(try FileSystem.read(root.absolute(".lab/base/app/d5/f299.txt")) == Array("base 299\n".utf8))
        #expect(FileSystem.list(staging.absolute) == [])
    }

    /// A file that cannot be written (here its path is also a folder's) fails the whole staging:
    /// no staging folder is left, and nothing is in place.
    @Test func aFailedWriteLeavesNothing() async throws {
        let (root, cleanup) = try Self.makeRoot()
        defer { cleanup() }
        let staging = try root.resolve(".lab/stage")
        let broken = [StagedFolder.File(path: "a", bytes: [1], mode: 0o666), StagedFolder.File(path: "a/b", bytes: [2], mode: 0o666)]
        await #expect(throws: FileError.self) {
            _ = try await StagedFolder.stage(
                [(Self.files(50, "file"), try root.resolve("app")), (broken, try root.resolve("other"))], stagingRoot: staging)
        }
        #expect(FileSystem.list(staging.absolute) == [])
        #expect(FileSystem.kind(root.absolute("app")) == .missing)
    }

    /// A target that appeared meanwhile is not replaced: `place` says so and drops the staged tree.
    @Test func aTargetThatAppearedIsLeftAlone() async throws {
        let (root, cleanup) = try Self.makeRoot()
        defer { cleanup() }
        let staging = try root.resolve(".lab/stage")
        let trees = try await StagedFolder.stage([(Self.files(3, "file"), try root.resolve("app"))], stagingRoot: staging)
        try FileManager.default.createDirectory(atPath: root.absolute("app/mine"), withIntermediateDirectories: true)
        #expect(try StagedFolder.place(trees[0]) == false)
        #expect(FileSystem.list(root.absolute("app")) == ["mine"])
        #expect(FileSystem.list(staging.absolute) == [])
    }
}
