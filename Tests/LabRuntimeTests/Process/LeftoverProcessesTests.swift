import Foundation
import Testing

@testable import LabRuntime

@Suite struct LeftoverProcessesTests {
    private static func lastNumber(_ line: String) -> Int32? {
        Array(line.utf8).withUnsafeBufferPointer { LeftoverProcesses.lastNumber(in: $0) }
    }

    /// The pid `/proc/loadavg` ends with, as the kernel writes the line, and nothing from a line
    /// that does not end with a number.
    @Test func readsTheLastPidOfLoadavg() {
        #expect(Self.lastNumber("0.00 0.01 0.05 1/123 4567\n") == 4567)
        #expect(Self.lastNumber("1.03 1.47 1.84 1/109 13020") == 13020)
        #expect(Self.lastNumber("0.00 0.00 0.00 1/1 1\n") == 1)
        #expect(Self.lastNumber("0.00 0.00 0.00 2/300 4194304 \n") == 4_194_304)
        #expect(Self.lastNumber("") == nil)
        #expect(Self.lastNumber("\n") == nil)
        #expect(Self.lastNumber("0.00 0.00 0.00 1/123 45x7\n") == nil)
        #expect(Self.lastNumber("0.00 0.00 0.00 1/123 -4\n") == nil)
        #expect(Self.lastNumber("0.00 0.00 0.00 1/123 12345678901\n") == nil)
    }

    /// A child, running or exited and not yet reaped, is seen: the sweep for orphans, which are
    /// children once reparented here, is skipped only when there is none.
    @Test func aChildIsSeenUntilItIsReaped() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", "sleep 0.2"]
        try child.run()
        #expect(Orphans.hasChildren())
        child.waitUntilExit()
    }

    /// The real file reads as a pid.
    @Test func newestPidIsRead() throws {
        let newest = try #require(LeftoverProcesses.newestPid())
        #expect(newest > 0)
    }
}
