import Foundation
import Synchronization
import SystemPackage
import Testing

@testable import LabRuntime

@Suite struct WholeWriteTests {
    /// Every byte arrives, in order, through a pipe smaller than the write (a pipe holds 64 KiB,
    /// so the writer waits for the reader); nothing is written for none. On a blocking pipe only
    /// a signal makes a write short; the loop that continues one is swift-system's `_writeAll`'s.
    @Test(arguments: [0, 1, 65_536, (1 << 20) + 3])
    func everyByteThroughAPipe(_ size: Int) throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let reader = FileDescriptor(rawValue: descriptors[0])
        let writer = FileDescriptor(rawValue: descriptors[1])
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let received = Mutex<[UInt8]>([])
        let done = DispatchSemaphore(value: 0)
        Thread {
            var buffer = [UInt8](repeating: 0, count: 8_192)
            while true {
                let count = buffer.withUnsafeMutableBytes { (try? reader.read(into: $0)) ?? 0 }
                if count == 0 { break }
                received.withLock { $0 += buffer[..<count] }
            }
            done.signal()
        }.start()
        try writer.writeCompletely(bytes)
        try writer.close()
        done.wait()
        try reader.close()
        #expect(received.withLock { $0 } == bytes)
    }

    /// A write nobody can read throws the error (EPIPE, with SIGPIPE ignored as lab ignores it).
    @Test func aClosedReaderIsAnError() throws {
        signal(SIGPIPE, SIG_IGN)
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        try FileDescriptor(rawValue: descriptors[0]).close()
        let writer = FileDescriptor(rawValue: descriptors[1])
        defer { try? writer.close() }
        #expect(throws: Errno.brokenPipe) { try writer.writeCompletely([1, 2, 3]) }
    }

    /// Pieces of every size around the buffer's — small, half the buffer (written straight from
    /// its storage), just under and over the whole — arrive in the order they were given, however
    /// full the buffer is when each comes. A piece of 128–256 KiB after a small one was written
    /// ahead of it: a merge-base pack with such a template file had its bytes before its header.
    @Test(arguments: [
        [10, BufferedFileWriter.capacity / 2, 10],
        [BufferedFileWriter.capacity / 2 + 1_000, 5, BufferedFileWriter.capacity - 1, 7],
        [BufferedFileWriter.capacity - 20, 30, BufferedFileWriter.capacity + 1, 1, BufferedFileWriter.capacity / 2 - 1],
        [1, 2, 3, 200_000, 261_000, 131_072, 4],
    ])
    func piecesArriveInOrder(_ sizes: [Int]) throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "whole-write-\(UUID().uuidString)").path
        defer { unlink(path) }
        let file = try FileDescriptor.open(path, .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite])
        var expected: [UInt8] = []
        var writer = BufferedFileWriter(file)
        for (index, size) in sizes.enumerated() {
            let piece = [UInt8](repeating: UInt8(65 + index), count: size)
            try writer.append(piece[...])
            expected += piece
            try writer.append("|\(index)|")
            expected += Array("|\(index)|".utf8)
        }
        try writer.flush()
        try file.close()
        let written = try #require(FileManager.default.contents(atPath: path))
        #expect(written.count == expected.count)
        let inOrder = [UInt8](written) == expected
        #expect(inOrder, "the file's bytes are not the pieces in the order given")
    }
}
