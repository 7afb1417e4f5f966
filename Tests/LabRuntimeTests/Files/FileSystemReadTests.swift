import Foundation
import Testing

@testable import LabRuntime

@Suite struct FileSystemReadTests {
    /// What a template folder's walk listed as a file is read without following a link: one swapped
    /// for a link since the listing is refused (`ELOOP`), not read from wherever it leads.
    @Test func aLinkIsRefusedWhenLinksAreNotFollowed() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("secret\n".utf8).write(to: folder.appending(path: "outside"))
        try FileManager.default.createSymbolicLink(atPath: folder.appending(path: "link").path, withDestinationPath: "outside")
        var mode: mode_t = 0
        #expect(try FileSystem.read(folder.appending(path: "link").path, mode: &mode) == Array("secret\n".utf8))
        #expect(throws: FileError.self) {
            try FileSystem.read(folder.appending(path: "link").path, mode: &mode, followingLinks: false)
        }
        do {
            _ = try FileSystem.read(folder.appending(path: "link").path, mode: &mode, followingLinks: false)
        } catch {
            #expect(error.code == ELOOP)
        }
        #expect(try FileSystem.read(folder.appending(path: "outside").path, mode: &mode, followingLinks: false) == Array("secret\n".utf8))
        do {
            _ = try FileSystem.read(folder.appending(path: "gone").path, mode: &mode, followingLinks: false)
            Issue.record("a missing file was read")
        } catch {
            #expect(error.code == ENOENT)
        }
    }
}
