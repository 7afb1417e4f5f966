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
}
