import Foundation
import Testing

/// `lab status`, `lab list`, `lab validate` and `lab --version` run on the main thread and start
/// no other: an async main would start Swift concurrency's pool, and dispatch's manager, before
/// its first line (`LabMain`; README, Performance). `lab check` starts the pool, which shows that
/// the trace sees threads.
@Suite struct StartupThreadsTests {
    /// strace is installed and may trace here (a container can forbid ptrace).
    static let canTrace: Bool = {
        guard Tool.isAvailable("strace") else { return false }
        return (try? Tool.run(["strace", "-f", "-o", "/dev/null", "true"], in: URL(fileURLWithPath: "/")))?.status == 0
    }()

    static let labFile = """
        lab: Threads
        phases:
          - id: 1
            title: One
            status: in-progress
            exercises:
              - id: first
                title: First
                verify:
                  - run: "true"

        """

    /// The clone, clone3, fork and vfork calls `lab ARGUMENTS` made, as strace prints them.
    private func processesStarted(_ arguments: [String]) throws -> (LabProcess.Result, String) {
        let lab = try TemporaryLab(files: ["lab.yml": Self.labFile, "docs/phases/phase-01.md": "# One\n\n- [ ] First <!-- lab:first -->\n"])
        let trace = lab.url("trace.txt")
        let result = try LabProcess.run(
            ["strace", "-f", "-qq", "-e", "trace=clone,clone3,fork,vfork", "-o", trace.path, LabProcess.executable.path] + arguments,
            in: lab.root, executable: URL(fileURLWithPath: "/usr/bin/env"))
        return (result, (try? String(contentsOf: trace, encoding: .utf8)) ?? "")
    }

    @Test(.enabled(if: canTrace), arguments: [["status"], ["status", "--json"], ["list"], ["validate"], ["--version"]])
    func startsNoThread(_ arguments: [String]) throws {
        let (result, calls) = try processesStarted(arguments)
        #expect(result.status == 0, "\(result)")
        #expect(!calls.contains("clone") && !calls.contains("fork"), "lab \(arguments.joined(separator: " ")) started a thread or process:\n\(calls)")
    }

    @Test(.enabled(if: canTrace)) func checkStartsThePool() throws {
        let (result, calls) = try processesStarted(["check", "--no-mark"])
        #expect(result.status == 0, "\(result)")
        #expect(calls.contains("clone"), "the trace shows no thread:\n\(calls)")
    }
}
