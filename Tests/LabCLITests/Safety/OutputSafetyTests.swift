import Foundation
import FoundationXML
import Testing

/// Text from a step or from a cloned `lab.yml` never drives the terminal; reports encode it as
/// their formats require; no search spins; no diagnostic prints a megabyte line; new files and
/// folders follow the umask.
@Suite struct OutputSafetyTests {
    static let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{07}\u{1B}]52;c;cGF3bmVk\u{07}\u{7F}\u{85}NUL:\u{0}"

    static func makeLab() throws -> TemporaryLab {
        try TemporaryLab(files: [
            "lab.yml": """
            lab: Output
            phases:
              - id: 1
                title: "One \\e[31m"
                status: in-progress
                exercises:
                  - id: noisy
                    title: "Noisy \\e]0;title\\a step"
                    verify: [{ run: "printf 'a\\\\033[2Jb\\\\033]0;pwned\\\\007c\\\\033]52;c;cGF3bmVk\\\\007\\\\177\\\\302\\\\205NUL\\\\000end\\\\n'; exit 1" }]

            """,
            "docs/phases/phase-01.md": "- [ ] Noisy \u{1B}]0;title\u{07} step <!-- lab:noisy -->\n",
        ])
    }

    /// Runs `lab ARGUMENTS` on a pseudo-terminal (util-linux `script`), returning what it printed.
    static func onTerminal(_ arguments: [String], in lab: TemporaryLab) throws -> String {
        let command = ([LabProcess.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command + " 2>&1", "/dev/null"]
        process.currentDirectoryURL = lab.root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["TERM"] = "xterm"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func controlCharactersAreShownEscapedOnATerminal() throws {
        let lab = try Self.makeLab()
        let text = try Self.onTerminal(["check"], in: lab)
        #expect(text.contains(#"a\x1b[2Jb\x1b]0;pwned\x07c\x1b]52;c;cGF3bmVk\x07\x7f\u{85}NUL\x00end"#), "\(text.debugDescription)")
        #expect(!text.contains("\u{1B}]"), "no OSC sequence reaches the terminal")
        #expect(!text.contains("\u{1B}[2J"), "no screen clearing")
        let hint = try Self.onTerminal(["hint", "noisy"], in: lab)
        #expect(hint.contains(#"Noisy \x1b]0;title\x07 step"#), "\(hint.debugDescription)")
        #expect(!hint.contains("\u{1B}]"))
    }

    /// Lab's own colours and progress line are written as private-use stand-ins until the last
    /// moment; the same characters in a lab's text (U+F8FF then `[8m`, U+F8FE) made real escape
    /// sequences, colours off or not. Now only lab's own, sealed afresh by each run, do.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func standInsInALabsTextStayText() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": """
            lab: "Esc\\uF8FF[8mHIDDEN"
            phases:
              - id: 1
                title: "Title\\uF8FEERASED \\uF8FF[5;41mBLINK"
                status: in-progress
                exercises:
                  - id: ok
                    title: "Ex \\uF8FE gone"
                    hint: "hint \\uF8FF[8mINVISIBLE"
                    verify:
                      - run: "printf 'out \\\\357\\\\243\\\\276 ERASE \\\\357\\\\243\\\\277[8mhidden\\\\n'; exit 1"

            """,
        ])
        for command in [["status"], ["hint", "ok"], ["check", "ok"]] {
            let text = try Self.onTerminal(["--color", "never"] + command, in: lab)
            // `lab check`'s own progress line is erased in place (ESC[K); nothing else is a sequence.
            #expect(!text.replacingOccurrences(of: "\r\u{1B}[K", with: "").contains("\u{1B}"), "\(command): \(text.debugDescription)")
            #expect(text.contains(#"\u{f8ff}[8m"#) || text.contains(#"\u{f8fe}"#), "\(command): \(text.debugDescription)")
        }
        // Lab's own colours still work.
        let colored = try Self.onTerminal(["--color", "always", "check", "ok"], in: lab)
        #expect(colored.contains("\u{1B}[") && !colored.contains("\u{1B}[8m") && !colored.contains("\u{1B}[5;41m"), "\(colored.debugDescription)")
    }

    @Test func reportsEncodeControlCharactersAsTheirFormatsRequire() throws {
        let lab = try Self.makeLab()
        let json = try lab.lab("check", "--format", "json")
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let results = parsed?["results"] as? [[String: Any]]
        let stdout = (results?.first?["steps"] as? [[String: Any]])?.first?["stdout"] as? String
        #expect(stdout == "a\u{1B}[2Jb\u{1B}]0;pwned\u{07}c\u{1B}]52;c;cGF3bmVk\u{07}\u{7F}\u{85}NUL\u{0}end\n", "the JSON string holds the bytes exactly")
        #expect(!json.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "JSON text carries no raw control character")
        #expect(!json.stdout.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) })

        let junit = try lab.lab("check", "--format", "junit")
        let document = try XMLDocument(data: Data(junit.stdout.utf8))
        #expect(try document.nodes(forXPath: "//failure").count == 1, "JUnit parses as XML")
        #expect(!junit.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })

        let tap = try lab.lab("check", "--format", "tap")
        #expect(!tap.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }, "\(tap.stdout.debugDescription)")
        #expect(tap.stdout.contains(#"\x1b[2J"#), "\(tap.stdout)")
    }

    @Test func aDeletedWorkingFolderIsAnErrorNotASpin() throws {
        let lab = try TemporaryLab()
        let gone = lab.url("gone")
        try FileManager.default.createDirectory(at: gone, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The shell enters the folder, the folder goes, then lab starts in it.
        process.arguments = ["-c", "cd '\(gone.path)' && rmdir '\(gone.path)' && exec '\(LabProcess.executable.path)' status"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1, "\(text)")
        #expect(text.contains("lab: error: the working folder no longer exists"), "\(text)")
    }

    @Test func aHugeLineIsShownAsAWindowAroundTheError() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: " + String(repeating: "a", count: 2_000_000) + ": x: y\n"])
        let result = try lab.lab("validate")
        #expect(result.status == 2)
        #expect(result.stderr.utf8.count < 2_000, "stderr stays small: \(result.stderr.utf8.count) bytes")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let excerpt = try #require(lines.first { $0.hasPrefix("    1 | ") })
        let caret = try #require(lines.first { $0.hasSuffix("^") && $0.contains("|") })
        #expect(excerpt.hasPrefix("    1 | …"))
        #expect(excerpt.hasSuffix(": x: y"))
        // The caret sits under the ':' the error is about.
        let column = caret.count - 1
        let marked = Array(excerpt)[column]
        #expect(marked == ":", "caret under '\(marked)' in \(excerpt)")
    }

    @Test(arguments: [(0o022 as mode_t, 0o755 as mode_t, 0o644 as mode_t), (0o077, 0o700, 0o600)])
    func newFoldersAndFilesFollowTheUmask(_ mask: mode_t, _ folderMode: mode_t, _ fileMode: mode_t) throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": "lab: Modes\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n    exercises: []\nscaffolds:\n  app: { from: tpl, into: deep/app }\n",
            "tpl/a.txt": "a\n", "tpl/sub/b.txt": "b\n", "tpl/run.sh": "#!/bin/sh\n",
        ])
        chmod(lab.url("tpl/run.sh").path, 0o755)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask \(String(mask, radix: 8)) && exec '\(LabProcess.executable.path)' scaffold"]
        process.currentDirectoryURL = lab.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        func mode(_ path: String) -> mode_t {
            var info = stat()
            _ = stat(lab.url(path).path, &info)
            return info.st_mode & 0o777
        }
        #expect(mode("deep") == folderMode)
        #expect(mode("deep/app") == folderMode, "the scaffold's root folder, staged and renamed, too")
        #expect(mode("deep/app/sub") == folderMode)
        #expect(mode("deep/app/a.txt") == fileMode)
        #expect(mode("deep/app/run.sh") == folderMode, "an executable template stays executable, within the umask")
    }
}
