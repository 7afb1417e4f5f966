import Foundation
import Testing

/// `lab watch` driven through a pseudo-terminal (a tmux pane): the screen after keys, a re-check
/// on save, and the terminal put back after q, Ctrl-C and SIGTERM. Without tmux, only the
/// fallback to `lab check --watch` output is tested.
@Suite(.serialized) struct WatchTests {
    static let labFile = """
        lab: Watch Lab
        phases:
          - id: 1
            title: One
            status: in-progress
            exercises:
              - id: first
                title: Already done
                verify: [{ run: "true" }]
              - id: second
                title: Write the notes
                hint: Write notes.md and mention SIGTERM.
                sources: [notes.md]
                verify: [{ file: notes.md, contains: SIGTERM }]
              - id: third
                title: Explain it out loud

        """
    static let document = "# One\n\n- [x] Already done <!-- lab:first -->\n- [ ] Write the notes <!-- lab:second -->\n- [ ] Explain it out loud <!-- lab:third -->\n"

    static let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A tmux server of its own, one pane running `sh` in the lab, 100×30.
    final class Pane: @unchecked Sendable {
        let socket: String
        let lab: TemporaryLab
        /// The tmux server's process, killed when the pane goes.
        private(set) var server: Int32 = 0

        init(lab: TemporaryLab) throws {
            self.lab = lab
            socket = FileManager.default.temporaryDirectory.appending(path: "lab-tmux-\(UUID().uuidString.prefix(8))").path
            // The server it starts keeps its output: nothing is read from it, so nothing waits on it.
            _ = try tmux(capture: false, ["new-session", "-d", "-x", "100", "-y", "30", "-c", lab.root.path, "env", "-i", "PATH=/usr/bin:/bin", "TERM=xterm-256color", "HOME=\(lab.root.path)", "PS1=$ ", "sh"])
            server = Int32(try value("#{pid}")) ?? 0
        }

        deinit {
            if server > 0 { kill(server, SIGKILL) }
            try? FileManager.default.removeItem(atPath: socket)
        }

        /// Runs tmux with `posix_spawn` and `waitpid`: its output through a file, since the server
        /// the first command starts keeps whatever descriptors that command had.
        @discardableResult
        func tmux(capture: Bool = true, _ arguments: [String]) throws -> String {
            let outputPath = socket + ".out"
            let argv = ([WatchTests.tmuxPath ?? "tmux", "-S", socket] + arguments).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, capture ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            var pid: pid_t = 0
            guard let program = argv[0], posix_spawn(&pid, program, &actions, nil, argv, environ) == 0 else { return "" }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            guard capture else { return "" }
            defer { unlink(outputPath) }
            return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        }

        func type(_ text: String) throws { try tmux(["send-keys", "-t", "0", "-l", text]) }
        func key(_ name: String) throws { try tmux(["send-keys", "-t", "0", name]) }
        func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "0"]) }
        func value(_ format: String) throws -> String {
            try tmux(["display-message", "-p", "-t", "0", format]).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Waits until the screen satisfies `condition`; the last screen either way.
        @discardableResult
        func waitForScreen(_ condition: (String) -> Bool, timeout: TimeInterval = 20) throws -> String {
            let deadline = Date().addingTimeInterval(timeout)
            var last = try screen()
            while !condition(last) && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.1)
                last = try screen()
            }
            return last
        }

        func waitForFile(_ path: String, timeout: TimeInterval = 20) -> String? {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if let text = lab.read(path), text.hasSuffix("\n") { return text }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return nil
        }

        /// Starts `lab watch` in the pane; its exit status goes to `status.txt`.
        func startWatch() throws {
            try? FileManager.default.removeItem(at: lab.url("status.txt"))
            try type("'\(LabProcess.executable.path)' watch; echo $? > status.txt")
            try key("Enter")
        }

        /// After `lab watch` ended: the terminal's settings as `stty -a` prints them.
        func terminalSettings() throws -> String? {
            try? FileManager.default.removeItem(at: lab.url("stty.txt"))
            try type("stty -a > stty.txt")
            try key("Enter")
            return waitForFile("stty.txt")
        }
    }

    func makeLab() throws -> TemporaryLab {
        try TemporaryLab(files: ["lab.yml": Self.labFile, "docs/phases/phase-01.md": Self.document])
    }

    static func restored(_ settings: String?) -> Bool {
        guard let words = settings?.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init) else { return false }
        return words.contains("icanon") && words.contains("echo") && words.contains("isig")
    }

    @Test(.enabled(if: WatchTests.tmuxPath != nil, "tmux is not installed"))
    func keysDriveTheScreenAndQuitRestoresTheTerminal() throws {
        let lab = try makeLab()
        let pane = try Pane(lab: lab)
        try pane.startWatch()
        var screen = try pane.waitForScreen { $0.contains("[ ] second — Write the notes") }
        #expect(screen.contains("lab watch · Watch Lab"), "\(screen)")
        #expect(screen.contains("1/3 ticked"), "\(screen)")
        #expect(screen.contains("Write notes.md and mention SIGTERM."), "the hint shows: \(screen)")
        #expect(screen.contains("1. file notes.md exists and is not empty, contains \"SIGTERM\""), "\(screen)")
        #expect(screen.contains("h hint · n next · p previous · r re-run · l list · q quit"), "\(screen)")
        #expect(try pane.value("#{alternate_on}") == "1")

        try pane.type("h")
        screen = try pane.waitForScreen { !$0.contains("mention SIGTERM") }
        #expect(!screen.contains("Hint"), "h hides the hint: \(screen)")

        try pane.type("r")
        screen = try pane.waitForScreen { $0.contains("Last result: FAILED") }
        #expect(screen.contains("Last result: FAILED"), "\(screen)")

        // Saving a source re-runs the check; passing ticks the item.
        try lab.write("notes.md", "SIGTERM asks, SIGKILL tells.\n")
        screen = try pane.waitForScreen { $0.contains("Last result: passed") && $0.contains("[x] second") }
        #expect(screen.contains("Last result: passed") && screen.contains("2/3 ticked"), "\(screen)")
        #expect(lab.read("docs/phases/phase-01.md")?.contains("- [x] Write the notes") == true)

        try pane.type("n")
        screen = try pane.waitForScreen { $0.contains("third — Explain it out loud") }
        #expect(screen.contains("manual: lab mark third"), "\(screen)")
        try pane.type("l")
        screen = try pane.waitForScreen { $0.contains("Pick an exercise") }
        #expect(screen.contains(" > [ ] third — Explain it out loud"), "\(screen)")
        try pane.type("kk")
        try pane.key("Enter")
        screen = try pane.waitForScreen { $0.contains("[x] first — Already done") && !$0.contains("Pick an exercise") }
        #expect(screen.contains("exercise 1 of 3"), "\(screen)")

        // A resize redraws at the new width.
        try pane.tmux(["resize-window", "-t", "0", "-x", "60", "-y", "20"])
        screen = try pane.waitForScreen { $0.split(separator: "\n").allSatisfy { $0.count <= 60 } && $0.contains("lab watch") }
        #expect(screen.contains("h hint · n next · p previous · r re-run · l list · q qu…") || screen.contains("h hint · n next"), "\(screen)")

        try pane.type("q")
        #expect(pane.waitForFile("status.txt") == "0\n")
        #expect(try pane.value("#{alternate_on}") == "0")
        #expect(try pane.value("#{cursor_flag}") == "1")
        let settings = try pane.terminalSettings()
        #expect(Self.restored(settings), "\(settings ?? "no stty output")")
    }

    @Test(.enabled(if: WatchTests.tmuxPath != nil, "tmux is not installed"))
    func ctrlCAndSIGTERMRestoreTheTerminal() throws {
        let lab = try makeLab()
        let pane = try Pane(lab: lab)
        try pane.startWatch()
        try pane.waitForScreen { $0.contains("lab watch · Watch Lab") }
        try pane.key("C-c")
        #expect(pane.waitForFile("status.txt") == "130\n")
        #expect(try pane.value("#{alternate_on}") == "0")
        #expect(Self.restored(try pane.terminalSettings()))

        try pane.startWatch()
        try pane.waitForScreen { $0.contains("lab watch · Watch Lab") }
        let shell = try #require(Int32(try pane.value("#{pane_pid}")))
        let watch = try #require(ProcessTable.all().first { entry in
            (try? String(contentsOfFile: "/proc/\(entry.pid)/stat", encoding: .utf8))?.split(separator: " ").dropFirst(3).first == Substring(String(shell))
        })
        kill(watch.pid, SIGTERM)
        #expect(pane.waitForFile("status.txt") == "143\n")
        #expect(try pane.value("#{alternate_on}") == "0")
        #expect(try pane.value("#{cursor_flag}") == "1")
        #expect(Self.restored(try pane.terminalSettings()))
    }

    /// One check runs at a time: asked for meanwhile, another waits its turn and the screen says
    /// so; q while a check runs kills its processes before `lab watch` exits.
    @Test(.enabled(if: WatchTests.tmuxPath != nil, "tmux is not installed"))
    func quittingDuringACheckLeavesNoProcessBehind() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": """
                lab: Watch Lab
                phases:
                  - id: 1
                    title: One
                    status: in-progress
                    exercises:
                      - id: slow
                        title: Slow
                        verify: [{ run: "sleep 30 & echo $! > sleep.pid; echo $$ > shell.pid; wait" }]
                      - id: quick
                        title: Quick
                        verify: [{ run: "true" }]

                """,
            "docs/phases/phase-01.md": "# One\n\n- [ ] Slow <!-- lab:slow -->\n- [ ] Quick <!-- lab:quick -->\n",
        ])
        let pane = try Pane(lab: lab)
        try pane.startWatch()
        try pane.waitForScreen { $0.contains("[ ] slow — Slow") }
        try pane.type("r")
        let sleeper = try #require(pane.waitForFile("sleep.pid").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        let shell = try #require(pane.waitForFile("shell.pid").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        try pane.type("n")
        var screen = try pane.waitForScreen { $0.contains("[ ] quick — Quick") }
        #expect(!screen.contains("Checking …"), "quick is not the one running: \(screen)")
        try pane.type("r")
        screen = try pane.waitForScreen { $0.contains("when slow's check ends") }
        #expect(screen.contains("Checking next, when slow's check ends"), "\(screen)")

        try pane.type("q")
        #expect(pane.waitForFile("status.txt") == "0\n")
        #expect(kill(sleeper, 0) != 0 && errno == ESRCH, "the step's sleep is gone")
        #expect(kill(shell, 0) != 0 && errno == ESRCH, "the step's shell is gone")
    }

    @Test func withoutATerminalItPrintsWhatCheckWatchPrints() throws {
        let lab = try makeLab()
        let process = Process()
        process.executableURL = LabProcess.executable
        process.arguments = ["watch"]
        process.currentDirectoryURL = lab.root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        while lab.read(".lab/state.json") == nil && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        Thread.sleep(forTimeInterval: 0.5)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("passed     first"), "\(text)")
        #expect(text.contains("FAILED     second"), "\(text)")
        #expect(text.contains("watching"), "\(text)")
        #expect(!text.contains("\u{1B}["), "no escape sequences: \(text)")
    }
}
