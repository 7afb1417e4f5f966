import Foundation
import Testing

/// On a terminal `lab check` redraws a progress line in place; a `TERM=dumb` terminal (an editor's
/// shell buffer, a CI log viewer) has no cursor control, so it gets plain lines only. The terminal
/// is a pseudo-terminal from script(1).
@Suite struct DumbTerminalTests {
    static let script = ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static let labFile = """
        lab: Terminal Lab
        phases:
          - id: 1
            title: One
            status: in-progress
            exercises:
              - { id: a, title: A, verify: [{ run: "sleep 0.2" }] }
              - { id: b, title: B, verify: [{ run: "sleep 0.2" }] }
              - { id: c, title: C, verify: [{ run: "sleep 0.2" }] }

        """

    /// What `lab check -j 1` wrote to a pseudo-terminal with `TERM` set to `term`.
    func checkOnATerminal(term: String) throws -> String {
        let lab = try TemporaryLab(files: ["lab.yml": Self.labFile])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.script))
        let command = "env TERM=\(term) '\(LabProcess.executable.path)' check -j 1 --no-mark --color never"
        process.arguments = ["-qec", command, lab.url("typescript").path]
        process.currentDirectoryURL = lab.root
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return lab.read("typescript") ?? ""
    }

    @Test(.enabled(if: DumbTerminalTests.script != nil, "script(1) is not installed"))
    func aDumbTerminalGetsNoRedrawnLine() throws {
        let redrawn = try checkOnATerminal(term: "xterm")
        #expect(redrawn.contains("\u{1B}[K"), "a capable terminal gets the progress line: \(redrawn.debugDescription)")
        let plain = try checkOnATerminal(term: "dumb")
        #expect(plain.contains("3 checks: 3 passed"), "\(plain.debugDescription)")
        #expect(!plain.contains("\u{1B}"), "no escape sequence at all: \(plain.debugDescription)")
    }
}
