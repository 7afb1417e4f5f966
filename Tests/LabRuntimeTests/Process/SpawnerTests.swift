import Foundation
import Testing

@testable import LabRuntime

/// The two ways a process is started — `lab_spawn` (clone with CLONE_VFORK, the default on
/// Linux) and posix_spawn (elsewhere) — run the same steps, and the steps see the same process:
/// session, signals, descriptors, environment, folder, exit status, and the same launch errors.
@Suite struct SpawnerTests {
    func runner(_ spawner: Spawner) -> ProcessRunner {
        var runner = ProcessRunner()
        runner.spawner = spawner
        return runner
    }

    func step(_ command: String, in directory: String = NSTemporaryDirectory(), environment: [String: String] = [:]) -> ProcessCommand {
        ProcessCommand.shell(command, workingDirectory: directory, environment: environment, timeout: .seconds(20))
    }

    /// Runs `command`, once more while it fails with ETXTBSY: a file this process has just
    /// written cannot be executed while a process another test is starting at that moment still
    /// holds an inherited copy of the descriptor it was written through (until that one execs).
    func run(_ runner: ProcessRunner, _ command: ProcessCommand) async throws -> ProcessOutcome {
        for _ in 0..<50 {
            do {
                return try await runner.run(command)
            } catch {
                guard case .notRunnable(_, let code) = error, code == ETXTBSY else { throw error }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        return try await runner.run(command)
    }

    /// A fresh folder, removed after `body`.
    func withFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spawner-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    @Test(arguments: Spawner.allCases)
    func exitStatusAndSignals(_ spawner: Spawner) async throws {
        let runner = runner(spawner)
        for code: Int32 in [0, 1, 3, 255] {
            #expect(try await runner.run(step("exit \(code)")).termination == .exited(code))
        }
        #expect(try await runner.run(step("kill -9 $$")).termination == .signaled(SIGKILL))
        #expect(try await runner.run(step("kill -TERM $$")).termination == .signaled(SIGTERM))
    }

    @Test(arguments: Spawner.allCases)
    func noSignalIgnoredNorBlocked(_ spawner: Spawner) async throws {
        // The runner's own process ignores SIGPIPE and catches others; the step starts clean.
        // posix_spawn (glibc) leaves the C library's own signals 32 and 33 ignored, and this test
        // process may have been started that way; lab_spawn puts them back too.
        let outcome = try await runner(spawner).run(step("grep -E '^Sig(Ign|Blk):' /proc/self/status"))
        let ignored = spawner == .automatic ? "0000000000000000" : "0000000[01][08]0000000"
        #expect(outcome.stdout.text.wholeMatch(of: try Regex("SigBlk:\t0000000000000000\nSigIgn:\t\(ignored)\n")) != nil, "\(outcome.stdout.text)")
        let pipe = try await runner(spawner).run(step("yes | head -c 1 >/dev/null; kill -PIPE $$"))
        #expect(pipe.termination == .signaled(SIGPIPE))
    }

    @Test(arguments: Spawner.allCases)
    func aSignalIgnoredLaterIsStillDefaultInTheStep(_ spawner: Spawner) async throws {
        // Starts once so that the dispositions are known, then ignores one more, as `lab watch`
        // ignores SIGWINCH: announced, it is put back for the next step.
        _ = try await runner(spawner).run(step("true"))
        SignalDispositions.ignore(SIGXFSZ)
        defer { SignalDispositions.restoreDefault(SIGXFSZ) }
        let outcome = try await runner(spawner).run(step("kill -XFSZ $$"))
        #expect(outcome.termination == .signaled(SIGXFSZ))
    }

    @Test func aDispositionChangedWhileStepsStartIsNeverLeftInOne() async throws {
        // Another thread ignores a signal and puts it back, over and over, while steps start:
        // each must start with it at its default, never caught between the look and the exec.
        let toggling = OwnThread.every(.zero) {
            SignalDispositions.ignore(SIGXFSZ)
            SignalDispositions.restoreDefault(SIGXFSZ)
        }
        defer {
            toggling.stop()
            SignalDispositions.restoreDefault(SIGXFSZ)
        }
        let runner = runner(.automatic)
        for _ in 0..<150 {
            let outcome = try await runner.run(ProcessCommand(executable: "/bin/grep", arguments: ["^SigIgn:", "/proc/self/status"]))
            try #require(outcome.stdout.text == "SigIgn:\t0000000000000000\n", "\(outcome.stdout.text)")
        }
    }

    @Test(arguments: Spawner.allCases)
    func ownSessionAndGroup(_ spawner: Spawner) async throws {
        // Fields 5 and 6 of /proc/PID/stat: the process group and the session.
        let outcome = try await runner(spawner).run(step("cut -d' ' -f5,6 /proc/$$/stat; echo $$"))
        let fields = outcome.stdout.text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        #expect(fields == ["\(outcome.processID)", "\(outcome.processID)", "\(outcome.processID)"])
    }

    @Test(arguments: Spawner.allCases)
    func onlyTheThreeStandardDescriptorsAreOpen(_ spawner: Spawner) async throws {
        // A descriptor of this process opened without close-on-exec, as a library might.
        let leaky = open("/dev/null", O_RDONLY)
        #expect(leaky >= 3)
        defer { close(leaky) }
        // ls, run without a shell, lists its own descriptors: the three, and the folder it reads.
        let listing = try await runner(spawner).run(ProcessCommand(executable: "/bin/ls", arguments: ["/proc/self/fd"]))
        #expect(listing.stdout.text == "0\n1\n2\n3\n")
        let input = try await runner(spawner).run(ProcessCommand(executable: "readlink", arguments: ["/proc/self/fd/0"]))
        #expect(input.stdout.text == "/dev/null\n")
        #expect(try await runner(spawner).run(step("cat; echo eof")).stdout.text == "eof\n")
    }

    @Test(arguments: Spawner.allCases)
    func environmentAndFolder(_ spawner: Spawner) async throws {
        try await withFolder { folder in
            let outcome = try await runner(spawner).run(step(
                #"pwd -P; printf '%s|%s\n' "$LAB_EXERCISE" "$PATH"; env | grep -c '^PATH='"#,
                in: folder.path, environment: ["LAB_EXERCISE": "dns basics", "PATH": "/usr/bin:/bin"]
            ))
            #expect(outcome.stdout.text == folder.resolvingSymlinksInPath().path + "\ndns basics|/usr/bin:/bin\n1\n")
        }
    }

    @Test func bothWaysGiveTheSameEnvironment() async throws {
        var seen: [String] = []
        for spawner in Spawner.allCases {
            let outcome = try await runner(spawner).run(step("env | grep -v '^LAB_PROCESS_TOKEN=' | sort", environment: ["EXTRA": "1"]))
            seen.append(outcome.stdout.text)
        }
        #expect(seen[0] == seen[1])
        #expect(seen[0].contains("EXTRA=1\n"))
    }

    @Test(arguments: Spawner.allCases)
    func launchErrors(_ spawner: Spawner) async throws {
        let runner = runner(spawner)
        try await withFolder { folder in
            var missing = step("true")
            missing.executable = folder.appendingPathComponent("nosuch").path
            await #expect(throws: LaunchError.notRunnable(program: missing.executable, errno: ENOENT)) {
                try await runner.run(missing)
            }

            let plain = folder.appendingPathComponent("plain")
            try Data("echo hi\n".utf8).write(to: plain)
            var notExecutable = step("true")
            notExecutable.executable = plain.path
            await #expect(throws: LaunchError.notRunnable(program: plain.path, errno: EACCES)) {
                try await runner.run(notExecutable)
            }

            let garbage = folder.appendingPathComponent("garbage")
            try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 0]).write(to: garbage)
            chmod(garbage.path, 0o755)
            var notAProgram = step("true")
            notAProgram.executable = garbage.path
            await #expect(throws: LaunchError.notRunnable(program: garbage.path, errno: ENOEXEC)) {
                try await run(runner, notAProgram)
            }

            let gone = folder.appendingPathComponent("gone").path
            await #expect(throws: LaunchError.workingDirectoryUnusable(path: gone, errno: ENOENT)) {
                try await runner.run(step("true", in: gone))
            }
            await #expect(throws: LaunchError.workingDirectoryUnusable(path: plain.path, errno: ENOTDIR)) {
                try await runner.run(step("true", in: plain.path))
            }
        }
    }

    @Test(arguments: Spawner.allCases)
    func programsFoundOnPathOrInTheFolder(_ spawner: Spawner) async throws {
        let runner = runner(spawner)
        var onPath = step("echo $0")
        onPath.executable = "sh"
        #expect(try await runner.run(onPath).stdout.text == "sh\n")

        var unknown = step("true")
        unknown.executable = "lab-no-such-program"
        await #expect(throws: LaunchError.notRunnable(program: "lab-no-such-program", errno: ENOENT)) {
            try await runner.run(unknown)
        }

        try await withFolder { folder in
            let script = folder.appendingPathComponent("hello")
            try Data("#!/bin/sh\necho hello from $0\n".utf8).write(to: script)
            chmod(script.path, 0o755)
            var local = ProcessCommand(executable: "hello", workingDirectory: folder.path)
            local.searchesPath = false
            #expect(try await run(runner, local).stdout.text == "hello from hello\n")
        }
    }
}
