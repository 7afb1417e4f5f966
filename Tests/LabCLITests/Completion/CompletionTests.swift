import Foundation
import Testing

/// Shell completion of the names `lab.yml` defines — exercise ids for `hint`, `mark` and `check`,
/// phase ids for `phase start/finish`, `list`, `log --phase` and `check`, scaffold names for
/// `scaffold` — through argument-parser's custom completion, in the scripts `lab
/// --generate-completion-script` writes for bash, zsh and fish (each shell's test runs where that
/// shell is installed).
@Suite struct CompletionTests {
    static let labFile = """
        lab: Completion Lab
        phases:
          - id: 1
            title: One
            status: in-progress
            exercises:
              - id: linux-processes
                title: Processes
                verify: [{ run: "true" }]
              - id: dns-resolution
                title: DNS
          - id: 2
            title: Two
            exercises:
              - id: terraform-state
                title: State
        scaffolds:
          cloud: { from: builtin:cloud, into: cloud }
          devops: { from: builtin:devops, into: devops }

        """

    func makeLab() throws -> TemporaryLab {
        try TemporaryLab(files: ["lab.yml": Self.labFile, "sub/folder/.keep": ""])
    }

    /// The protocol the scripts speak: `lab ---completion SUBCOMMAND… -- ARGUMENT WORD CURSOR WORDS…`.
    @Test(arguments: [
        (["hint"], ["lab", "hint", "li"], ["linux-processes"]),
        (["hint"], ["lab", "hint", ""], ["linux-processes", "dns-resolution", "terraform-state"]),
        (["mark"], ["lab", "mark", "linux-processes", "d"], ["dns-resolution"]),
        (["check"], ["lab", "check", ""], ["linux-processes", "dns-resolution", "terraform-state", "1", "2"]),
        (["phase", "start"], ["lab", "phase", "start", ""], ["1", "2"]),
        (["phase", "finish"], ["lab", "phase", "finish", "2"], ["2"]),
        (["list"], ["lab", "list", ""], ["1", "2"]),
        (["scaffold"], ["lab", "scaffold", "d"], ["devops"]),
    ] as [([String], [String], [String])])
    func namesFromLabYML(subcommands: [String], words: [String], expected: [String]) throws {
        let lab = try makeLab()
        let index = words.count - 1
        let arguments = ["---completion"] + subcommands + ["--", "positional@0", String(index), String(words[index].count)] + words
        let result = try LabProcess.run(arguments, in: lab.url("sub/folder"))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.split(separator: "\n").map(String.init) == expected, "\(result)")
    }

    /// An option's value: `lab log --phase <Tab>`.
    @Test func phaseOfLabLog() throws {
        let lab = try makeLab()
        let result = try LabProcess.run(["---completion", "log", "--", "--phase", "3", "0", "lab", "log", "--phase", ""], in: lab.root)
        #expect(result.stdout == "1\n2\n", "\(result)")
    }

    @Test func followsMinusCAndLabOfTheCommandLine() throws {
        let lab = try makeLab()
        let elsewhere = try TemporaryLab()
        let viaDirectory = try LabProcess.run(
            ["---completion", "hint", "--", "positional@0", "4", "1", "lab", "-C", lab.root.path, "hint", "t"], in: elsewhere.root)
        #expect(viaDirectory.stdout == "terraform-state\n", "\(viaDirectory)")
        try elsewhere.write("course.yml", Self.labFile)
        let viaFile = try LabProcess.run(
            ["---completion", "scaffold", "--", "positional@0", "4", "0", "lab", "--lab", "course.yml", "scaffold", ""], in: elsewhere.root)
        #expect(viaFile.stdout == "cloud\ndevops\n", "\(viaFile)")
    }

    /// fish before 4 runs argument-parser's script without the cursor's place and with an empty
    /// word written as `''`.
    @Test func requestOfAnOlderFish() throws {
        let lab = try makeLab()
        let empty = try LabProcess.run(["---completion", "phase", "start", "--", "positional@0", "3", "lab", "phase", "start", "''"], in: lab.root)
        #expect(empty.stdout == "1\n2\n", "\(empty)")
        let prefix = try LabProcess.run(["---completion", "hint", "--", "positional@0", "2", "lab", "hint", "dn"], in: lab.root)
        #expect(prefix.stdout == "dns-resolution\n", "\(prefix)")
    }

    /// Outside a lab, or in one whose lab.yml is broken, completion offers what it can, silently.
    @Test func quietWithoutALab() throws {
        let nowhere = try TemporaryLab()
        let result = try LabProcess.run(["---completion", "hint", "--", "positional@0", "2", "0", "lab", "hint", ""], in: nowhere.root)
        #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "\(result)")
        let broken = try TemporaryLab(files: [
            "lab.yml": Self.labFile.replacingOccurrences(of: "title: DNS", with: "titel: DNS\n        verfy: 3"),
        ])
        let partial = try LabProcess.run(["---completion", "hint", "--", "positional@0", "2", "1", "lab", "hint", "d"], in: broken.root)
        #expect(partial.stdout == "dns-resolution\n", "an invalid exercise still completes: \(partial)")
    }

    // MARK: - The shells

    static func script(_ shell: String) throws -> String {
        let result = try LabProcess.run(["--generate-completion-script", shell], in: FileManager.default.temporaryDirectory)
        return result.stdout
    }

    static var binFolder: String { LabProcess.executable.deletingLastPathComponent().path }

    static func shellEnvironment(home: URL) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = binFolder + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appending(path: ".config").path
        environment["XDG_DATA_HOME"] = home.appending(path: ".local/share").path
        environment["TERM"] = "dumb"
        return environment
    }

    @Test(.enabled(if: Tool.isAvailable("bash")))
    func bash() throws {
        let lab = try makeLab()
        try lab.write(".completion/lab.bash", try Self.script("bash"))
        func complete(_ line: String) throws -> [String] {
            let words = line.split(separator: " ", omittingEmptySubsequences: false).map { "'\($0)'" }.joined(separator: " ")
            let program = """
                source .completion/lab.bash
                COMP_WORDS=(\(words)); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
                _lab
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let result = try Self.runShell(["bash", "--norc", "--noprofile", "-c", program], in: lab)
            return result.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        }
        #expect(try complete("lab hint li") == ["linux-processes"])
        #expect(try complete("lab phase start ") == ["1", "2"])
        #expect(try complete("lab scaffold c") == ["cloud"])
        #expect(try complete("lab check 2 t") == ["terraform-state"])

        // A cloned lab's names are a stranger's text, and bash's `compgen -W` expands `$(…)` and
        // backquotes in the words it is given: names `lab validate` refuses are not offered.
        let ran = lab.url("ran").path
        try lab.write("lab.yml", Self.labFile
            .replacingOccurrences(of: "id: dns-resolution", with: "id: \"$(touch \(ran)-id)\"")
            .replacingOccurrences(of: "devops: {", with: "\"`touch \(ran)-scaffold`\": {"))
        #expect(try complete("lab hint ") == ["linux-processes", "terraform-state"])
        #expect(try complete("lab scaffold ") == ["cloud"])
        #expect(!FileManager.default.fileExists(atPath: ran + "-id") && !FileManager.default.fileExists(atPath: ran + "-scaffold"))
    }

    @Test(.enabled(if: Tool.isAvailable("fish")))
    func fish() throws {
        let lab = try makeLab()
        try lab.write(".completion/lab.fish", try Self.script("fish"))
        // `commandline` answers only in an interactive fish.
        let output = try Self.runShell([
            "fish", "--no-config", "-i", "-c",
            "source .completion/lab.fish; complete -C 'lab hint li'; echo @; complete -C 'lab phase finish '; echo @; complete -C 'lab scaffold d'",
        ], in: lab)
        let answers = output.components(separatedBy: "@\n").map { $0.split(separator: "\n").map { String($0.split(separator: "\t")[0]) } }
        #expect(answers == [["linux-processes"], ["1", "2"], ["devops"]], "\(output)")
    }

    /// zsh completes only in its line editor: an interactive zsh on a pseudo-terminal (zpty) gets
    /// `lab hint li` and a Tab, and the line it redraws must hold the completed id.
    @Test(.enabled(if: Tool.isAvailable("zsh")))
    func zsh() throws {
        let lab = try makeLab()
        try lab.write(".completion/_lab", try Self.script("zsh"))
        let driver = """
            zmodload zsh/zpty
            zpty -b z "env PS1='> ' zsh -f -i"
            zpty -w z "fpath=(\(lab.url(".completion").path) \\$fpath); autoload -Uz compinit; compinit -u -D"
            zpty -wn z $'lab hint li\\t'
            output=""
            for attempt in {1..300}; do
                if zpty -r -t z chunk; then output+=$chunk; else sleep 0.1; fi
                [[ $output == *linux-processes* ]] && break
            done
            zpty -wn z $'\\x03exit\\n'
            zpty -d z
            print -r -- ${output//$'\\r'/}
            """
        let output = try Self.runShell(["zsh", "-f", "-c", driver], in: lab)
        #expect(output.contains("lab hint linux-processes"), "\(output)")
    }

    static func runShell(_ arguments: [String], in lab: TemporaryLab) throws -> String {
        let home = lab.url(".home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = lab.root
        process.environment = shellEnvironment(home: home)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
