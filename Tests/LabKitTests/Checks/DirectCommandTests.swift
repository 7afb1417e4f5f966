import Foundation
import LabRuntime
import LabSpec
import Testing

@testable import LabKit

/// Direct execution: which commands skip the shell, and that a step behaves identically either
/// way — environment, working folder, exit status, signals, timeouts, output.
@Suite struct DirectCommandTests {
    @Test(arguments: [
        ("true", ["true"]), ("ls -la docs", ["ls", "-la", "docs"]), ("  grep  -q   x\tfile ", ["grep", "-q", "x", "file"]),
        ("./script.sh --flag=value", ["./script.sh", "--flag=value"]), ("/usr/bin/env", ["/usr/bin/env"]),
        ("ls café naïve/ü", ["ls", "café", "naïve/ü"]), ("cat -- a\u{7F}b", ["cat", "--", "a\u{7F}b"]),
    ])
    func plainWordListsSkipTheShell(_ command: String, _ words: [String]) {
        #expect(DirectCommand.words(of: command) == words)
    }

    @Test(arguments: [
        "echo hi", "cd docs", "test -f x", "[ -f x ]", "kill -9 1", "exit 3", "export A=b", "A=b env", "pwd",
        "grep 'a b' f", "grep \"a\" f", "echo \\n", "echo $HOME", "echo `date`", "ls *.md", "ls file?", "ls [ab]",
        "ls > out", "cat < in", "a | b", "a; b", "a && b", "a &", "(a)", "{ a; }", "ls ~", "a # comment", "! a",
        "a\nb", "if true", "", "   ", "a\rb", "ls ]", "ls }", "cat a\u{7}b", "ls é*",
    ])
    func shellSyntaxGoesToTheShell(_ command: String) {
        #expect(DirectCommand.words(of: command) == nil, "\(command.debugDescription)")
    }

    /// A folder with a few programs, for steps to run.
    static func folder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("selfkill", "#!/bin/sh\nkill -9 $$\n")
        try folder.write("noshebang", "echo from a script without a shebang\nexit 4\n")
        try folder.write("notexecutable", "#!/bin/sh\necho x\n")
        try folder.write("bin/mytool", "#!/bin/sh\necho mytool $0 \"$@\"\n")
        try folder.write("bgsleep", "#!/bin/sh\nsleep 30 &\necho $! >> bgpids\nsleep 30\n")
        try folder.write("showzero", "#!/bin/sh\necho \"$0\"\n")
        try folder.write("chatty", "#!/bin/sh\nhead -c 200000 /dev/zero | tr '\\\\0' 'x'; echo; echo err >&2; exit 2\n")
        for name in ["selfkill", "noshebang", "bin/mytool", "chatty", "bgsleep", "showzero"] {
            chmod(folder.root.appending(path: name).path, 0o755)
        }
        return folder
    }

    static let shellIsDash = DirectCommand.shellIsDash("/bin/sh", locator: ProgramLocator())

    static let commands = [
        "true", "false", "env", "/bin/pwd", "ls -a", "./selfkill", "./noshebang", "./notexecutable", "nosuchprogram --x",
        "mytool a b", "./chatty", "sleep 5", "cat", "uname -s", "printenv LAB_EXERCISE LAB_PHASE LAB_ROOT PWD PATH",
        "./bgsleep", "./showzero", "showzero",
    ]

    @Test(.enabled(if: shellIsDash), arguments: commands)
    func aStepBehavesTheSameEitherWay(_ command: String) async throws {
        let folder = try Self.folder()
        let root = folder.root.path
        let exercise = Exercise(
            id: "e", phase: 1, title: "E", timeout: .milliseconds(700),
            env: [EnvironmentEntry(name: "PATH", value: root + "/bin::/usr/local/bin:/usr/bin:/bin")],
            verify: [Step(action: .run(command))])
        let (viaDirect, viaShell) = await Self.bothWays(exercise, root: root)
        let a = try #require(viaDirect.steps.first)
        let b = try #require(viaShell.steps.first)
        #expect(viaDirect.status == viaShell.status)
        #expect(a.exit == b.exit)
        #expect(a.signal == b.signal)
        #expect(a.timedOut == b.timedOut)
        #expect(a.message == b.message)
        #expect(a.stderr == b.stderr)
        #expect(Self.comparable(a.stdout) == Self.comparable(b.stdout))
        // A timeout kills the whole group either way: nothing a step started is left.
        for pid in (try? String(contentsOfFile: root + "/bgpids", encoding: .utf8))?.split(separator: "\n").compactMap({ Int32($0) }) ?? [] {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            let state = stat.lastIndex(of: ")").map { stat[stat.index($0, offsetBy: 2)] }
            #expect(state == nil || state == "Z", "\(command): process \(pid) outlived its step")
        }
    }

    /// An empty `PATH` entry means the step's folder, to dash and so to direct execution.
    @Test(.enabled(if: shellIsDash))
    func anEmptyPathEntryIsTheStepsFolder() async throws {
        let folder = try Self.folder()
        let root = folder.root.path
        try folder.write("localtool", "#!/bin/sh\necho local $0 \"$@\"\n")
        chmod(folder.root.appending(path: "localtool").path, 0o755)
        let path = "/usr/local/bin::/usr/bin:/bin"
        #expect(DirectCommand.resolve("localtool x", path: path, from: root)?.executable == "localtool", "a bare name, as dash builds it")
        let exercise = Exercise(
            id: "e", phase: 1, title: "E", env: [EnvironmentEntry(name: "PATH", value: path)],
            verify: [Step(action: .run("localtool x"))])
        let (viaDirect, viaShell) = await Self.bothWays(exercise, root: root)
        let a = try #require(viaDirect.steps.first)
        let b = try #require(viaShell.steps.first)
        #expect(a.exit == 0 && b.exit == 0)
        #expect(a.stdout == "local localtool x\n", "the script's $0 is the path dash would give it")
        #expect(b.stdout == a.stdout)
    }

    /// `true` and `false` are dash's builtins whatever the PATH holds, and GNU's programs read
    /// `--help`: a `true` of the lab's own is not run, and one with arguments goes to the shell.
    @Test(.enabled(if: shellIsDash))
    func trueAndFalseAreTheBuiltins() async throws {
        let folder = try Self.folder()
        let root = folder.root.path
        try folder.write("bin/true", "#!/bin/sh\necho not the builtin\nexit 3\n")
        chmod(root + "/bin/true", 0o755)
        let path = "bin:/usr/bin:/bin"
        #expect(DirectCommand.resolve("true", path: path, from: root).map { $0.executable.hasPrefix("/") && !$0.executable.hasPrefix(root) } == true)
        #expect(DirectCommand.resolve("true --help", path: path, from: root) == nil)
        #expect(DirectCommand.resolve("false x", path: path, from: root) == nil)
        for command in ["true", "false", "true --help"] {
            let exercise = Exercise(
                id: "e", phase: 1, title: "E", env: [EnvironmentEntry(name: "PATH", value: path)],
                verify: [Step(action: .run(command))])
            let (viaDirect, viaShell) = await Self.bothWays(exercise, root: root)
            let a = try #require(viaDirect.steps.first)
            let b = try #require(viaShell.steps.first)
            #expect(a.exit == b.exit && a.stdout == b.stdout && a.stdout.isEmpty, "\(command)")
        }
    }

    /// A lab in a folder whose name holds a ':' still finds programs through relative entries.
    @Test func aFolderWithAColonInItsName() throws {
        let folder = try TemporaryFolder()
        try folder.write("a:b/bin/tool", "#!/bin/sh\necho tool\n")
        let root = folder.root.path + "/a:b"
        chmod(root + "/bin/tool", 0o755)
        #expect(DirectCommand.resolve("tool x", path: "bin:/usr/bin:/bin", from: root)?.executable == "bin/tool")
    }

    @Test(.enabled(if: shellIsDash))
    func theQualifyingCommandsReallySkipTheShell() throws {
        let folder = try Self.folder()
        let root = folder.root.path
        let path = "bin:/usr/local/bin:/usr/bin:/bin"
        #expect(DirectCommand.resolve("true", path: path, from: root) != nil)
        #expect(DirectCommand.resolve("env", path: path, from: root) != nil)
        #expect(DirectCommand.resolve("./selfkill", path: path, from: root)?.executable == "./selfkill", "as written: it starts in the step's folder")
        #expect(DirectCommand.resolve("mytool a", path: path, from: root)?.executable == "bin/mytool", "a relative PATH entry as dash builds it")
        #expect(DirectCommand.resolve("./notexecutable", path: path, from: root) == nil)
        #expect(DirectCommand.resolve("nosuchprogram --x", path: path, from: root) == nil, "not found: the shell reports it")
    }

    /// Runs `exercise` in `root` executed directly where it can be, then always through the shell.
    static func bothWays(_ exercise: Exercise, root: String) async -> (direct: ExerciseRunner.Outcome, shell: ExerciseRunner.Outcome) {
        var direct = ExerciseRunner(root: root, defaults: Lab.Defaults(), processRunner: ProcessRunner(), tailLimit: 65536)
        direct.directExecution = true
        var shell = direct
        shell.directExecution = false
        return (await run(exercise, with: direct), await run(exercise, with: shell))
    }

    /// Runs `exercise`, again (up to five times) while a script the test has just written is "busy":
    /// a process another test started in the same instant can hold its file open for writing until
    /// it executes its own program (ETXTBSY, which dash reports as is), and that race is the test
    /// process's, not the behaviour under test.
    static func run(_ exercise: Exercise, with runner: ExerciseRunner) async -> ExerciseRunner.Outcome {
        var outcome = await runner.run(exercise)
        for _ in 0..<4 where outcome.steps.contains(where: { $0.stderr.contains("Text file busy") }) {
            try? await Task.sleep(for: .milliseconds(20))
            outcome = await runner.run(exercise)
        }
        return outcome
    }

    /// Output with the one variable that differs by design between two runs taken out: each step's
    /// token (`LAB_PROCESS_TOKEN`).
    static func comparable(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix(Orphans.tokenVariable + "=") }
            .sorted()
            .joined(separator: "\n")
    }
}
