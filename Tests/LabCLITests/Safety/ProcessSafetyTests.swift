import Foundation
import Testing

/// No process a check started outlives `lab`: not a daemon that left its session, not on any
/// signal `lab` can catch, not when nobody reads its output any more.
@Suite(.serialized) struct ProcessSafetyTests {
    /// A lab whose one exercise starts `command` and waits.
    static func makeLab(_ command: String, timeout: String = "60s") throws -> TemporaryLab {
        let block = command.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "              " + $0 }.joined(separator: "\n")
        return try TemporaryLab(files: [
            "lab.yml": """
            lab: Processes
            phases:
              - id: 1
                title: One
                status: in-progress
                exercises:
                  - id: quick
                    title: Quick
                    verify: [{ run: "true" }]
                  - id: daemon
                    title: Daemon
                    timeout: \(timeout)
                    verify:
                      - run: |
            \(block)

            """,
            "docs/phases/phase-01.md": "- [ ] Quick <!-- lab:quick -->\n- [ ] Daemon <!-- lab:daemon -->\n",
        ])
    }

    /// Runs `script` with bash in the lab's folder, what it prints thrown away; its exit status.
    @discardableResult
    static func bash(_ script: String, in lab: TemporaryLab) throws -> Int32 {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", script]
        shell.currentDirectoryURL = lab.root
        shell.standardOutput = FileHandle.nullDevice
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        shell.waitUntilExit()
        return shell.terminationStatus
    }

    /// The pids written into `file` (one per line) that are still alive, zombies aside.
    static func alive(_ lab: TemporaryLab, _ file: String) -> [Int32] {
        let pids = (lab.read(file) ?? "").split(separator: "\n").compactMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
        return pids.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else {
                return false
            }
            return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
        }
    }

    static func waitFor(_ condition: () -> Bool, seconds: Double = 20) {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    }

    static let daemons = [
        // Leaves its session and lets go of the step's output: only the subreaper finds it.
        "setsid sleep 300 </dev/null >/dev/null 2>&1 & echo $! >> pids",
        // A double fork: the grandchild is orphaned at once.
        "sh -c 'setsid sh -c \"echo \\$\\$ >> pids; exec sleep 300\" </dev/null >/dev/null 2>&1 &' ; sleep 0.2",
        // A Python double fork, as daemons do it.
        """
        python3 -c 'import os,sys
        if os.fork(): sys.exit(0)
        os.setsid()
        if os.fork(): sys.exit(0)
        open("pids","a").write(str(os.getpid())+"\\\\n"); os.close(0); os.close(1); os.close(2)
        import time; time.sleep(300)' ; sleep 0.3
        """,
    ]

    @Test(arguments: 0..<daemons.count)
    func aDaemonThatLeftItsSessionDoesNotSurviveTheStep(_ index: Int) throws {
        let lab = try Self.makeLab(Self.daemons[index] + "\nexit 0")
        let result = try lab.lab("check")
        #expect(result.status == 0, "\(result)")
        #expect(!(lab.read("pids") ?? "").isEmpty, "the daemon started: \(result)")
        Self.waitFor({ Self.alive(lab, "pids").isEmpty }, seconds: 5)
        #expect(Self.alive(lab, "pids").isEmpty, "left alive: \(Self.alive(lab, "pids"))")
    }

    @Test func aTimedOutStepsDaemonIsKilledToo() throws {
        let lab = try Self.makeLab("setsid sleep 300 </dev/null >/dev/null 2>&1 & echo $! >> pids\nsleep 300", timeout: "1s")
        let result = try lab.lab("check")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("TIMED OUT"), "\(result)")
        Self.waitFor({ Self.alive(lab, "pids").isEmpty }, seconds: 5)
        #expect(Self.alive(lab, "pids").isEmpty)
    }

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM])
    func everyTerminatingSignalKillsTheStepsAndKeepsTheResults(_ signal: Int32) throws {
        let lab = try Self.makeLab("echo $$ >> pids\nsetsid sleep 300 </dev/null >/dev/null 2>&1 & echo $! >> pids\nsleep 300")
        let process = Process()
        process.executableURL = LabProcess.executable
        process.arguments = ["check", "-j", "1"]
        process.currentDirectoryURL = lab.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Self.waitFor { (lab.read("pids") ?? "").split(separator: "\n").count >= 2 }
        Thread.sleep(forTimeInterval: 0.2)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + signal)
        Self.waitFor({ Self.alive(lab, "pids").isEmpty }, seconds: 5)
        #expect(Self.alive(lab, "pids").isEmpty, "left alive after signal \(signal): \(Self.alive(lab, "pids"))")
        #expect(lab.read("docs/phases/phase-01.md")?.contains("- [x] Quick") == true, "results so far are kept")
    }

    @Test func aClosedPipeStopsTheRunAndItsSteps() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": """
            lab: Pipe
            phases:
              - id: 1
                title: One
                status: in-progress
                exercises:
                  - { id: quick, title: Quick, verify: [{ run: "true" }] }
                  - { id: slow, title: Slow, verify: [{ run: "sleep 1" }] }
                  - { id: long, title: Long, verify: [{ run: "echo $$ >> pids; sleep 300" }] }

            """,
        ])
        // `lab check | head -c 1`: head leaves after the first byte; lab's next write fails, and
        // the run stops there, its long step killed, instead of waiting 300 s.
        let started = Date()
        try Self.bash("'\(LabProcess.executable.path)' check -j 2 --no-mark --output report.json | head -c 1 >/dev/null; echo ${PIPESTATUS[0]} > status", in: lab)
        #expect(Date().timeIntervalSince(started) < 60, "lab did not wait for the 300 s step")
        #expect(lab.read("status") == "1\n", "a failed write to stdout fails the run")
        // The report says what the summary would: the run was interrupted, the long step with it.
        let report = try #require(lab.read("report.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        #expect(object["interrupted"] as? Bool == true, "\(report)")
        let long = (object["results"] as? [[String: Any]])?.first { $0["id"] as? String == "long" }
        #expect(long?["status"] as? String == "not_run", "\(report)")
        Self.waitFor({ Self.alive(lab, "pids").isEmpty }, seconds: 5)
        #expect(Self.alive(lab, "pids").isEmpty)
    }

    @Test func aWatchWhoseOutputWentAwayEnds() throws {
        let lab = try Self.makeLab("sleep 0.3")
        // Nobody reads (`true` leaves at once): the run's first line fails, and the watch ends
        // there instead of watching for ever with nobody to see it.
        try Self.bash("timeout 60 '\(LabProcess.executable.path)' check --watch --no-mark --output report.json | true; echo ${PIPESTATUS[0]} > status", in: lab)
        #expect(lab.read("status") == "1\n", "a watch whose output is gone fails and ends (124: it kept watching)")
        let report = try #require(lab.read("report.json"))
        #expect(report.contains("\"interrupted\" : true") || report.contains("\"interrupted\": true"), "\(report)")
    }

    @Test func aFailedWriteToStdoutIsAnError() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let lab = try Self.makeLab("true")
        #expect(try Self.bash("'\(LabProcess.executable.path)' list > /dev/full", in: lab) == 1)
    }
}
