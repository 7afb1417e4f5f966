import Foundation
import Testing

@testable import LabRuntime

/// Tests of `ProcessRunner` against real shells: exit statuses, environment, output tails,
/// timeouts, cancellation and the guarantee that no process of a step outlives it.
@Suite struct ProcessRunnerTests {
    let runner = ProcessRunner()

    func step(
        _ command: String,
        in directory: String = NSTemporaryDirectory(),
        environment: [String: String] = [:],
        timeout: Duration = .seconds(20),
        killGrace: Duration = .milliseconds(300),
        tailLimit: Int = 65536
    ) -> ProcessCommand {
        ProcessCommand.shell(
            command, workingDirectory: directory, environment: environment,
            timeout: timeout, killGrace: killGrace, tailLimit: tailLimit
        )
    }

    // MARK: Exit status

    @Test(arguments: [0, 1, 3, 255])
    func reportsExitCode(_ code: Int32) async throws {
        let outcome = try await runner.run(step("exit \(code)"))
        #expect(outcome.termination == .exited(code))
        #expect(!outcome.timedOut && !outcome.cancelled)
    }

    @Test func reportsKillingSignalWithName() async throws {
        let outcome = try await runner.run(step("kill -9 $$"))
        #expect(outcome.termination == .signaled(SIGKILL))
        #expect(outcome.termination.signalName == "SIGKILL")
        #expect(outcome.termination.description == "signal SIGKILL (9)")
    }

    @Test func signalsIgnoredByTheRunnerAreDefaultInTheStep() async throws {
        // The shell must not inherit an ignored SIGPIPE (Swift programs often ignore it).
        let outcome = try await runner.run(step("yes | head -c 1 >/dev/null; kill -PIPE $$"))
        #expect(outcome.termination == .signaled(SIGPIPE))
    }

    // MARK: Environment, folder, input

    @Test func addsAndReplacesEnvironmentVariables() async throws {
        let outcome = try await runner.run(step(
            #"printf '%s|%s|' "$LAB_EXERCISE" "$PATH"; env | grep -c '^PATH='; test -n "$HOME""#,
            environment: ["LAB_EXERCISE": "dns basics", "PATH": "/usr/bin:/bin"]
        ))
        #expect(outcome.termination == .exited(0))
        #expect(outcome.stdout.text == "dns basics|/usr/bin:/bin|1\n")
    }

    @Test func runsInTheWorkingDirectory() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runner-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await runner.run(step("pwd -P", in: folder.path))
        let expected = folder.resolvingSymlinksInPath().path
        #expect(outcome.stdout.text == expected + "\n")
    }

    @Test func standardInputIsClosed() async throws {
        let outcome = try await runner.run(step("cat; read line || echo eof"))
        #expect(outcome.termination == .exited(0))
        #expect(outcome.stdout.text == "eof\n")
        #expect(outcome.duration < .seconds(5))
    }

    @Test func keepsStdoutAndStderrApart() async throws {
        let outcome = try await runner.run(step("echo out; echo err >&2; echo more"))
        #expect(outcome.stdout.text == "out\nmore\n")
        #expect(outcome.stderr.text == "err\n")
        #expect(!outcome.stdout.isTruncated)
    }

    @Test func runsInItsOwnSession() async throws {
        let outcome = try await runner.run(step("cut -d' ' -f6 /proc/self/stat; echo $$"))
        let lines = outcome.stdout.text.split(separator: "\n")
        // The session of `cut`, a child of the shell, is the shell's pid.
        #expect(lines.count == 2 && lines[0] == lines[1] && lines[1] == "\(outcome.processID)")
    }

    // MARK: Launch errors

    @Test func missingShellIsALaunchError() async {
        var command = step("true")
        command.executable = "/bin/nosuch"
        await #expect(throws: LaunchError.notRunnable(program: "/bin/nosuch", errno: ENOENT)) {
            try await runner.run(command)
        }
        #expect("\(LaunchError.notRunnable(program: "/bin/nosuch", errno: ENOENT))" == "cannot run '/bin/nosuch': no such file")
    }

    @Test func missingWorkingDirectoryIsALaunchError() async {
        await #expect(throws: LaunchError.workingDirectoryUnusable(path: "/nonexistent/lab", errno: ENOENT)) {
            try await runner.run(step("true", in: "/nonexistent/lab"))
        }
        let error = LaunchError.workingDirectoryUnusable(path: "/nonexistent/lab", errno: ENOENT)
        #expect("\(error)" == "working directory '/nonexistent/lab' does not exist")
    }

    @Test func fileAsWorkingDirectoryIsALaunchError() async {
        await #expect(throws: LaunchError.workingDirectoryUnusable(path: "/etc/hostname", errno: ENOTDIR)) {
            try await runner.run(step("true", in: "/etc/hostname"))
        }
    }

    @Test func shellFoundOnPath() async throws {
        var command = step("echo $0")
        command.executable = "sh"
        let outcome = try await runner.run(command)
        #expect(outcome.stdout.text == "sh\n")
    }

    @Test func malformedArgumentsAreLaunchErrors() async {
        await #expect(throws: LaunchError.invalidArgument("'A=B' is not a valid environment variable name")) {
            try await runner.run(step("true", environment: ["A=B": "c"]))
        }
        await #expect(throws: LaunchError.invalidArgument("the command contains a NUL byte")) {
            try await runner.run(step("echo a\u{0}b"))
        }
    }

    // MARK: Timeouts and leftovers

    @Test func timeoutKillsTheWholeGroup() async throws {
        let outcome = try await runner.run(step("sleep 100 & sleep 100", timeout: .milliseconds(300)))
        #expect(outcome.timedOut)
        #expect(outcome.termination == .signaled(SIGTERM))
        #expect(outcome.duration < .seconds(5))
        #expect(ProcessTable.liveMembers(ofSession: outcome.processID).isEmpty)
    }

    @Test func timeoutEscalatesToSigkillForTermIgnoringProcesses() async throws {
        let outcome = try await runner.run(step(
            "trap '' TERM; sleep 100 & sleep 100", timeout: .milliseconds(200), killGrace: .milliseconds(200)
        ))
        #expect(outcome.timedOut)
        #expect(outcome.termination == .signaled(SIGKILL))
        #expect(outcome.duration >= .milliseconds(400) && outcome.duration < .seconds(5))
        #expect(ProcessTable.liveMembers(ofSession: outcome.processID).isEmpty)
    }

    @Test func timeoutAlsoKillsOtherGroupsOfTheSession() async throws {
        // With job control on, bash puts each job in a group of its own within the session.
        let outcome = try await runner.run(step(
            "bash -c 'set -m; sleep 100 & sleep 100' 2>/dev/null", timeout: .milliseconds(300)
        ))
        #expect(outcome.timedOut)
        #expect(ProcessTable.liveMembers(ofSession: outcome.processID).isEmpty)
    }

    @Test(arguments: [Duration.zero, .seconds(30)])
    func timeoutAndLeftoversWhetherWatchedInlineOrOnAThread(inlineWatch: Duration) async throws {
        let runner = ProcessRunner(inlineWatch: inlineWatch)
        let quick = try await runner.run(step("sleep 100 & echo quick"))
        #expect(quick.termination == .exited(0) && quick.stdout.text == "quick\n")
        let slow = try await runner.run(step(
            "trap '' TERM; sleep 100", timeout: .milliseconds(100), killGrace: .milliseconds(100)
        ))
        #expect(slow.timedOut && slow.termination == .signaled(SIGKILL))
        for outcome in [quick, slow] {
            #expect(ProcessTable.liveMembers(ofSession: outcome.processID).isEmpty)
        }
    }

    @Test func gracefulGroupEndsBeforeTheGrace() async throws {
        let outcome = try await runner.run(step(
            "sleep 100", timeout: .milliseconds(200), killGrace: .seconds(10)
        ))
        #expect(outcome.timedOut)
        #expect(outcome.duration < .seconds(5))
    }

    @Test func backgroundJobLeftAfterNormalExitIsKilled() async throws {
        // The job keeps the stdout pipe open; the runner must not wait for it.
        let outcome = try await runner.run(step("(trap '' TERM; sleep 100) & sleep 100 & echo started"))
        #expect(outcome.termination == .exited(0))
        #expect(outcome.stdout.text == "started\n")
        #expect(!outcome.timedOut)
        #expect(outcome.duration < .seconds(2))
        #expect(ProcessTable.liveMembers(ofSession: outcome.processID).isEmpty)
    }

    @Test func escapedDescendantHoldingTheOutputIsKilled() async throws {
        let outcome = try await runner.run(step("setsid -f sh -c 'echo $$; exec sleep 100'; sleep 0.1"))
        #expect(outcome.termination == .exited(0))
        #expect(outcome.duration < .seconds(3))
        let escaped = try #require(Int32(outcome.stdout.text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(escaped != outcome.processID)
        try await ProcessTable.waitUntilGone(escaped)
        #expect(!ProcessTable.isAlive(escaped))
    }

    // MARK: Output

    /// That memory stays flat meanwhile is shown on `lab` itself, a process of its own
    /// (`CheckTests`): this process's resident size moves with every suite running beside it.
    @Test func hugeOutputKeepsOnlyTheTail() async throws {
        let outcome = try await runner.run(step(
            "head -c 200000000 /dev/zero; printf END; head -c 5000000 /dev/zero >&2; printf ERR >&2"
        ))
        #expect(outcome.termination == .exited(0))
        #expect(outcome.stdout.totalBytes == 200_000_003)
        #expect(outcome.stdout.bytes.count == 65536)
        #expect(outcome.stdout.isTruncated)
        #expect(Array(outcome.stdout.bytes.suffix(3)) == Array("END".utf8))
        #expect(outcome.stdout.bytes.prefix(10).allSatisfy { $0 == 0 })
        #expect(outcome.stderr.totalBytes == 5_000_003)
        #expect(outcome.stderr.text.hasSuffix("ERR"))
    }

    @Test func bothStreamsFilledAtOnceDoNotDeadlock() async throws {
        let outcome = try await runner.run(step(
            "(head -c 3000000 /dev/zero >&2) & head -c 3000000 /dev/zero; wait", tailLimit: 10
        ))
        #expect(outcome.stdout.totalBytes == 3_000_000 && outcome.stderr.totalBytes == 3_000_000)
        #expect(outcome.stdout.bytes.count == 10)
    }

    // MARK: Cancellation and the registry

    @Test func cancellationTerminatesTheGroup() async throws {
        let task = Task { try await runner.run(step("sleep 100 & sleep 100")) }
        OwnThread.after(.milliseconds(200)) { task.cancel() }
        let outcome = try await task.value
        #expect(outcome.cancelled && !outcome.timedOut)
        #expect(outcome.termination == .signaled(SIGTERM))
        #expect(outcome.duration < .seconds(5))
        #expect(ProcessTable.liveMembers(ofSession: outcome.processID).isEmpty)
    }

    @Test func cancellationEscalatesToSigkill() async throws {
        // Cancelled once the shell ignores SIGTERM: a cancel before its trap would end it at once.
        let ready = FileManager.default.temporaryDirectory.appendingPathComponent("trap-set-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: ready) }
        let task = Task { try await runner.run(step("trap '' TERM; : > '\(ready)'; sleep 100", killGrace: .milliseconds(200))) }
        let finished = OwnThread.Repetition()
        defer { finished.stop() }
        OwnThread.when({ FileManager.default.fileExists(atPath: ready) }, unless: finished) { task.cancel() }
        let outcome = try await task.value
        #expect(outcome.cancelled)
        #expect(outcome.termination == .signaled(SIGKILL))
        #expect(ProcessTable.liveMembers(ofSession: outcome.processID).isEmpty)
    }

    @Test func cancellationWithoutItsWakeUpStillStopsTheStep() async throws {
        // The flag alone, as when no pipe could be made or its wake-up was lost: the supervisor
        // finds it on its next look instead of running on to the timeout.
        let supervisor = try ProcessSupervisor(step("sleep 100 & sleep 100"))
        let cancellation = CancellationPipe(wakes: false)
        #expect(cancellation.readEnd == nil)
        supervisor.watchCancellation(cancellation)
        OwnThread.after(.milliseconds(100)) { cancellation.fire() }
        let outcome = supervisor.superviseToEnd()
        cancellation.dispose()
        #expect(outcome.cancelled && !outcome.timedOut)
        #expect(outcome.termination == .signaled(SIGTERM))
        #expect(outcome.duration < .seconds(5))
        #expect(ProcessTable.liveMembers(ofSession: outcome.processID).isEmpty)
    }

    @Test func alreadyCancelledTaskStopsTheStepAtOnce() async throws {
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await runner.run(step("sleep 100"))
        }
        let outcome = try await task.value
        #expect(outcome.cancelled)
        #expect(outcome.duration < .seconds(5))
    }

    @Test func registryReachesRunningGroups() async throws {
        // SIGCONT stands in for the SIGKILL of Ctrl-C: it does nothing to other tests' steps that
        // may be running at the same time, while this step turns it into its exit status.
        let task = Task { try await runner.run(step("trap 'exit 7' CONT; sleep 100 & wait")) }
        // The shell may not have set its trap yet at the first signal: repeat until it ends.
        let signaller = OwnThread.every(.milliseconds(20)) { ProcessRunner.killAllRunningGroups(signal: SIGCONT) }
        defer { signaller.stop() }
        let outcome = try await task.value
        #expect(outcome.termination == .exited(7))
        #expect(!ProcessGroupRegistry.liveGroups.contains(outcome.processID))
    }

    @Test func concurrentStepsDoNotInterfere() async throws {
        let outcomes = try await withThrowingTaskGroup(of: (Int, ProcessOutcome).self) { group in
            for index in 0..<8 {
                group.addTask {
                    let outcome = try await runner.run(step(
                        "echo step-\(index); echo err-\(index) >&2; sleep 0.\(index); exit \(index)",
                        environment: ["STEP": "\(index)"]
                    ))
                    return (index, outcome)
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for index in 0..<8 {
            let outcome = try #require(outcomes[index])
            #expect(outcome.termination == .exited(Int32(index)))
            #expect(outcome.stdout.text == "step-\(index)\n")
            #expect(outcome.stderr.text == "err-\(index)\n")
        }
    }
}
