import Foundation
import Testing

import CLabSystem
@testable import LabRuntime

@Suite struct FileSystemReadTests {
    /// A file of 1 MiB or more is read into a buffer whose pages are made present first
    /// (`lab_prefault`): every byte comes back, whatever the size's alignment to a page, and a
    /// limit still refuses a file over it.
    @Test(arguments: [(1 << 20) - 1, 1 << 20, (1 << 20) + 1, (3 << 20) + 4_093])
    func largeFilesReadWhole(_ size: Int) throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "large-\(UUID().uuidString)").path
        defer { unlink(path) }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: URL(filePath: path))
        #expect(try FileSystem.read(path, limit: 4 << 20) == bytes)
        #expect(throws: FileError.self) { try FileSystem.read(path, limit: size - 1) }
    }

    /// Making a range present is harmless at any alignment and length, none included.
    @Test func prefaultingAnyRangeLeavesItsBytes() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 3 << 20, alignment: 1)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 7)
        for (start, length) in [(0, 0), (1, 10), (4_095, 4_098), (17, (2 << 20) + 5), (0, 3 << 20)] {
            lab_prefault(buffer.baseAddress! + start, length)
        }
        #expect(buffer.allSatisfy { $0 == 7 })
    }

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
