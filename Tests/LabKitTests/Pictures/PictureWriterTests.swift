import Foundation
import LabRuntime
import Testing

@testable import LabKit

/// Pictures are written only when their bytes change, whole, and never through a link out of the lab.
@Suite struct PictureWriterTests {
    static let pictures = [
        PictureSet.Picture(path: "assets/banner.svg", svg: "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"),
        PictureSet.Picture(path: "assets/badges/status.svg", svg: "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>s</title></svg>\n"),
    ]

    static func lock(_ folder: TemporaryFolder) throws -> LabLock {
        try LabLock.acquire(root: folder.root, files: ContainedRoot(folder.root.path))
    }

    static func inode(_ folder: TemporaryFolder, _ path: String) -> UInt64? {
        FileSystem.stamp(folder.root.appending(path: path).path).map { UInt64($0.inode) }
    }

    @Test func writesWhatChangedOnly() throws {
        let folder = try TemporaryFolder()
        let files = ContainedRoot(folder.root.path)
        let lock = try Self.lock(folder)
        #expect(try PictureWriter.plan(Self.pictures, files: files, onlyExisting: true).map(\.action) == [.absent, .absent])
        #expect(try PictureWriter.write(Self.pictures, files: files, onlyExisting: true, holding: lock).map(\.action) == [.absent, .absent])
        #expect(!FileManager.default.fileExists(atPath: folder.root.appending(path: "assets").path), "only pictures already there are redrawn")

        #expect(try PictureWriter.write(Self.pictures, files: files, onlyExisting: false, holding: lock).map(\.action) == [.created, .created])
        let before = Self.inode(folder, "assets/banner.svg")
        var changed = Self.pictures
        changed[1].svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>t</title></svg>\n"
        #expect(try PictureWriter.write(changed, files: files, onlyExisting: true, holding: lock).map(\.action) == [.unchanged, .redrawn])
        #expect(Self.inode(folder, "assets/banner.svg") == before, "an unchanged picture is not rewritten")
        #expect((try? String(contentsOf: folder.root.appending(path: "assets/badges/status.svg"), encoding: .utf8)) == changed[1].svg)
    }

    @Test func aPictureLinkedOutOfTheLabIsRefusedBeforeAnyWrite() throws {
        let folder = try TemporaryFolder()
        let outside = try TemporaryFolder()
        try folder.link("assets", to: outside.root.path)
        let files = ContainedRoot(folder.root.path)
        do {
            try PictureWriter.write(Self.pictures, files: files, onlyExisting: false, holding: try Self.lock(folder))
            Issue.record("a picture was written through a link out of the lab")
        } catch {
            #expect("\(error)".contains("outside the lab"))
        }
        #expect(FileSystem.list(outside.root.path) == [])
    }

    @Test func aFolderWhereAPictureGoesIsRefused() throws {
        let folder = try TemporaryFolder()
        try folder.makeFolder("assets/banner.svg")
        #expect(throws: FileError.self) { try PictureWriter.plan(Self.pictures, files: ContainedRoot(folder.root.path), onlyExisting: false) }
    }
}
