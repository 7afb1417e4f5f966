import Foundation
import Testing

@testable import LabRuntime

/// Appends that are whole or absent: one write at the end, taken back on failure; the unfinished
/// last line a killed append leaves is found and cut; only regular files are opened.
@Suite struct AppendOnlyFileTests {
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appending(path: "append-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        var root: ContainedRoot { ContainedRoot(url.path) }
        func bytes(_ name: String) -> [UInt8]? { (try? Data(contentsOf: url.appending(path: name))).map { [UInt8]($0) } }
        func write(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: url.appending(path: name)) }
    }

    @Test func appendsAtTheEndAndUndoesWhole() throws {
        let folder = try Folder()
        let path = try folder.root.resolve("log.jsonl")
        let file = try AppendOnlyFile.open(path)
        #expect(file.created && file.size == 0)
        let first = try file.append(Array("one\n".utf8))
        #expect(first.created && first.size == 0)
        let second = try file.append(Array("two\n".utf8))
        #expect(!second.created && second.size == 4 && file.size == 8)
        #expect(folder.bytes("log.jsonl") == Array("one\ntwo\n".utf8))

        try AppendOnlyFile.undo(second)
        #expect(folder.bytes("log.jsonl") == Array("one\n".utf8))
        try AppendOnlyFile.undo(first)
        #expect(folder.bytes("log.jsonl") == nil, "an append that created the file takes the file back")
    }

    @Test func anotherOpenAppendsAfterWhatIsThere() throws {
        let folder = try Folder()
        try folder.write("log.jsonl", "old\n")
        let file = try AppendOnlyFile.open(try folder.root.resolve("log.jsonl"))
        #expect(!file.created && file.size == 4)
        let receipt = try file.append(Array("new\n".utf8))
        #expect(!receipt.created && receipt.size == 4)
        #expect(folder.bytes("log.jsonl") == Array("old\nnew\n".utf8))
    }

    @Test(arguments: [
        ("", ""), ("a\n", ""), ("a\nb", "b"), ("a\n{\"half", "{\"half"), ("no line break at all", "no line break at all"),
    ])
    func unfinishedTail(_ content: String, _ tail: String) throws {
        let folder = try Folder()
        try folder.write("log", content)
        let file = try AppendOnlyFile.open(try folder.root.resolve("log"))
        #expect(try file.unfinishedTail() == Array(tail.utf8))
        try file.truncate(to: file.size - tail.utf8.count)
        #expect(try file.unfinishedTail() == [])
        #expect(folder.bytes("log") == Array(content.utf8.dropLast(tail.utf8.count)))
    }

    @Test func aTailLongerThanAChunkIsFoundWhole() throws {
        let folder = try Folder()
        let long = String(repeating: "x", count: 10_000)
        try folder.write("log", "first\n" + long)
        let file = try AppendOnlyFile.open(try folder.root.resolve("log"))
        #expect(try file.unfinishedTail().count == 10_000)
        #expect(try file.unfinishedTail(limit: 5000).count >= 5000, "at least the limit, in whole chunks")
    }

    @Test func onlyARegularFileIsOpened() throws {
        let folder = try Folder()
        try FileManager.default.createDirectory(at: folder.url.appending(path: "folder"), withIntermediateDirectories: true)
        #expect(throws: FileError.self) { try AppendOnlyFile.open(try folder.root.resolve("folder")) }

        #expect(mkfifo(folder.url.appending(path: "fifo").path, 0o600) == 0)
        // Refused at once: nobody reads the FIFO, and the open must not wait for a reader.
        #expect(throws: FileError.self) { try AppendOnlyFile.open(try folder.root.resolve("fifo")) }

        // A link planted after the path was resolved is not followed.
        let resolved = try folder.root.resolve("planted")
        try FileManager.default.createSymbolicLink(atPath: resolved.absolute, withDestinationPath: "/tmp/elsewhere-\(UUID().uuidString)")
        do {
            _ = try AppendOnlyFile.open(resolved)
            Issue.record("a symbolic link was opened")
        } catch {
            #expect(error.description.contains("symbolic link"))
        }
    }

    /// A file with another name (a hard link, maybe outside the lab) is not appended to: the
    /// append would change it under that name too.
    @Test func aHardLinkedFileIsNotAppendedTo() throws {
        let folder = try Folder()
        let outside = try Folder()
        try outside.write("target", "outside\n")
        #expect(link(outside.url.appending(path: "target").path, folder.url.appending(path: "journal.jsonl").path) == 0)
        do {
            _ = try AppendOnlyFile.open(try folder.root.resolve("journal.jsonl"))
            Issue.record("a hard-linked file was opened for appending")
        } catch {
            #expect(error.description.contains("has 2 hard links"), "\(error)")
        }
        #expect(outside.bytes("target") == Array("outside\n".utf8))
    }
}
