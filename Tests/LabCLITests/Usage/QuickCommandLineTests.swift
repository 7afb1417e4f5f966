import ArgumentParser
import Foundation
import Testing

@testable import lab

/// `QuickCommandLine` reads the plain command lines of `status`, `list`, `check`, `scaffold` and `validate` without
/// argument-parser. Whatever it takes, argument-parser must take too, with the same values; and
/// it must know every option argument-parser knows for those commands.
@Suite struct QuickCommandLineTests {
    /// What argument-parser makes of `arguments`, in `QuickCommandLine`'s terms; nil when it
    /// rejects them or parses them as another command.
    static func parsedByArgumentParser(_ arguments: [String]) async -> QuickCommandLine.Invocation? {
        guard let command = try? await LabCommand.asyncParseAsRoot(arguments) else { return nil }
        switch command {
        case let status as LabCommand.Status:
            return .status(status.global.settings.merged(over: status.parent.global.settings), json: status.json)
        case let list as LabCommand.List:
            return .list(list.global.settings.merged(over: list.parent.global.settings), phase: list.phase, json: list.json)
        case let check as LabCommand.Check:
            return .check(check.global.settings.merged(over: check.parent.global.settings), check.arguments)
        case let scaffold as LabCommand.Scaffold:
            return .scaffold(scaffold.global.settings.merged(over: scaffold.parent.global.settings), scaffold.arguments)
        case let validate as LabCommand.Validate:
            return .validate(validate.global.settings.merged(over: validate.parent.global.settings), json: validate.json, format: validate.format)
        default:
            return nil
        }
    }

    /// Command lines people type, each read without argument-parser, as argument-parser reads it.
    static let plain: [[String]] = [
        ["status"], ["status", "--json"], ["-C", "lab", "status"], ["status", "-C", "lab", "--json"],
        ["--lab", "other.yml", "status"], ["status", "--lab=other.yml"], ["--color", "never", "status", "-q"],
        ["status", "--color=always", "--verbose"], ["-v", "status"],
        ["list"], ["list", "2"], ["list", "--json", "3"], ["-C", "/tmp", "list", "1", "--quiet"],
        ["check"], ["check", "-j", "1"], ["check", "-j2"], ["check", "--jobs", "4"], ["check", "--jobs=3"],
        ["check", "linux-processes", "tls-basics"], ["check", "2", "-j", "4"], ["check", "--all", "--force"],
        ["check", "--all", "--format", "junit", "--output", "report.xml"],
        ["check", "--all", "--strict", "--shard", "2/4", "--output", "report-2.json"],
        ["check", "--format", "markdown", "--output", "summary.md"], ["check", "--format=json"],
        ["check", "--no-mark", "--fail-fast", "--dry-run"], ["check", "--watch"],
        ["check", "--shard", "1/2", "--durations", "old.json"], ["-C", "lab", "check", "dns", "-q"],
        ["check", "--output", "status.json"], ["-C", "check", "check"],
        ["scaffold"], ["scaffold", "cloud"], ["scaffold", "cloud", "devops", "--dry-run"], ["scaffold", "--diff", "-q"],
        ["-C", "lab", "scaffold", "--force"], ["scaffold", "--conflict", "rej"], ["scaffold", "--conflict=inline", "big"],
        ["scaffold", "--repair-lock", "--dry-run", "--diff"], ["scaffold", "scaffold"],
        ["validate"], ["validate", "--json"], ["-C", "lab", "validate", "--format", "github"], ["validate", "--format=text", "-q"],
        ["validate", "--json", "--format", "json"], ["--lab", "x.yml", "validate", "--format", "json"],
    ]

    @Test(arguments: plain)
    func plainCommandLinesSkipArgumentParser(_ arguments: [String]) async throws {
        let quick = try #require(QuickCommandLine.parse(arguments), "not read: \(arguments)")
        #expect(await Self.parsedByArgumentParser(arguments) == quick)
    }

    /// The subcommand the allocator is set up for, past the global options before it, whatever
    /// follows (`LabMain.main`).
    @Test func subcommandPastGlobalOptions() {
        #expect(QuickCommandLine.subcommand(["validate"]) == "validate")
        #expect(QuickCommandLine.subcommand(["-C", "lab", "--color=never", "validate", "--json"]) == "validate")
        #expect(QuickCommandLine.subcommand(["--lab", "x.yml", "-q", "scaffold", "--help"]) == "scaffold")
        #expect(QuickCommandLine.subcommand(["-C", "validate", "status"]) == "status")
        #expect(QuickCommandLine.subcommand(["--version"]) == nil)
        #expect(QuickCommandLine.subcommand(["-C"]) == nil)
        #expect(QuickCommandLine.subcommand([]) == nil)
    }

    /// `lab --version` prints what argument-parser prints for it.
    @Test func versionAloneIsReadQuickly() throws {
        #expect(QuickCommandLine.parse(["--version"]) == .version)
        #expect(LabCommand.configuration.version == LabCommand.version)
    }

    /// Left to argument-parser: help, the version anywhere but alone, completion, mistakes and
    /// unusual forms.
    @Test(arguments: [
        [], ["--version", "--version"], ["status", "--version"], ["-C", "lab", "--version"], ["status", "--help"], ["status", "-h"], ["help", "status"], ["check", "help"],
        ["--generate-completion-script", "bash"], ["---completion", "check", "--", "targets", "0", "0"],
        ["status", "--experimental-dump-help"], ["log"], ["phase", "start", "2"], ["stauts"],
        ["status", "--jsno"], ["status", "extra"], ["status", "--json", "--json"], ["status", "--json=yes"],
        ["-q", "status", "-v"], ["status", "-qv"], ["-C", "a", "status", "-C", "b"], ["--color", "red", "status"],
        ["--color=", "status"], ["-C=dir", "status"], ["-C", "-q", "status"], ["--json", "status"],
        ["list", "0"], ["list", "two"], ["list", "1", "2"], ["list", "-1"],
        ["check", "-j", "0"], ["check", "-j", "-1"], ["check", "-j"], ["check", "-jx"], ["check", "--jobs="],
        ["check", "-j", "1", "-j", "2"], ["check", "--format", "xml"], ["check", "--output", "report.txt"],
        ["check", "--watch", "--dry-run"], ["check", "--shard", "5/4"], ["check", "--durations", "d.json"],
        ["check", "--", "-x"], ["check", ""], ["check", "-"], ["check", "--all=1"], ["check", "--frobnicate"],
        ["scaffold", "--help"], ["scaffold", "--conflict", "both"], ["scaffold", "--conflict"], ["scaffold", "--conflict="],
        ["scaffold", "--dry-run", "--dry-run"], ["scaffold", "--diff=1"], ["scaffold", "-n"], ["scaffold", "--", "-x"],
        ["scaffold", "--conflict", "rej", "--conflict", "inline"], ["scaffold", "--jobs", "2"],
        ["validate", "extra"], ["validate", "--json", "--format", "text"], ["validate", "--format", "github", "--json"],
        ["validate", "--format", "xml"], ["validate", "--json", "--json"], ["validate", "--format"], ["validate", "--help"],
        ["validate", "--json=1"], ["validate", "--format", "json", "--format", "text"],
    ])
    func othersGoToArgumentParser(_ arguments: [String]) {
        #expect(QuickCommandLine.parse(arguments) == nil, "read: \(arguments)")
    }

    /// Random command lines over the options of the four commands, their values and mistakes:
    /// whatever is read without argument-parser, argument-parser reads the same way.
    @Test func generatedCommandLinesAgree() async {
        let words = [
            "status", "list", "check", "log", "help", "--", "-", "", "--version", "-h",
            "-C", "lab", "/tmp", "--lab", "--lab=x.yml", "x.yml", "--color", "--color=never", "never", "always", "auto",
            "red", "-q", "--quiet", "-v", "--verbose", "-qv", "--json", "--json=1",
            "1", "2", "0", "-1", "two", "-j", "-j2", "-j0", "--jobs", "--jobs=3", "--all", "--force", "--no-mark",
            "--fail-fast", "--dry-run", "--watch", "--strict", "--format", "--format=json", "json", "junit", "text",
            "github", "tap", "markdown", "xml", "--output", "--output=r.json", "r.json", "r.txt", "--shard", "1/2",
            "3/2", "--durations", "d.json", "linux-processes", "--unknown", "--lab==x", "--output=-", "-j+2", "+1",
            "-j=4", "--dry-run=", "--output=", "--lab=", "-C=x",
            "scaffold", "cloud", "--diff", "--repair-lock", "--conflict", "--conflict=rej", "rej", "inline", "both", "--diff=",
        ]
        let globals = ["-C", "lab", "--lab", "x.yml", "--lab=y.yml", "--color", "never", "-q", "-v", "--quiet", "--color=always"]
        var random = SplitMix64(seed: 0x51AB)
        var read = 0
        for _ in 0..<1000 {
            var arguments: [String] = []
            for _ in 0..<[0, 0, 1, 2, 3].randomElement(using: &random)! { arguments.append(globals.randomElement(using: &random)!) }
            arguments.append(["status", "list", "check", "scaffold", "validate"].randomElement(using: &random)!)
            for _ in 0..<Int.random(in: 0...5, using: &random) { arguments.append(words.randomElement(using: &random)!) }
            guard let quick = QuickCommandLine.parse(arguments) else { continue }
            read += 1
            let parsed = await Self.parsedByArgumentParser(arguments)
            #expect(parsed == quick, "\(arguments)")
        }
        // Enough of them are read for the comparison to mean something.
        #expect(read > 120, "\(read) read")
    }

    /// Every option argument-parser knows for the four commands is read here too: an option
    /// added to one of them must be added to `QuickCommandLine`, or its command lines would all
    /// silently take the slow path.
    @Test func everyOptionIsKnown() throws {
        struct Tool: Decodable { var command: Command }
        struct Command: Decodable {
            var commandName: String
            var arguments: [Argument]?
            var subcommands: [Command]?
        }
        struct Argument: Decodable {
            var kind: String
            var names: [Name]?
        }
        struct Name: Decodable { var kind: String, name: String }
        // A value each option takes, and where a positional argument is given.
        let values = [
            "-C": "lab", "--lab": "x.yml", "--color": "never", "-j": "2", "--jobs": "2", "--format": "json",
            "--output": "r.json", "--shard": "1/2", "--durations": "d.json", "--conflict": "rej",
        ]
        let extra: [String: [String]] = ["--durations": ["--shard", "1/2"]]
        let builtIn: Set<String> = ["-h", "--help", "--version"]

        let tool = try JSONDecoder().decode(Tool.self, from: Data(LabCommand._dumpHelp().utf8))
        var checked = 0
        for command in tool.command.subcommands ?? [] where ["status", "list", "check", "scaffold", "validate"].contains(command.commandName) {
            for argument in command.arguments ?? [] where argument.kind != "positional" {
                for name in argument.names ?? [] {
                    let spelled = (name.kind == "short" ? "-" : "--") + name.name
                    if builtIn.contains(spelled) { continue }
                    var arguments = [command.commandName, spelled]
                    if argument.kind == "option" {
                        let value = try #require(values[spelled], "no sample value for \(command.commandName) \(spelled)")
                        arguments.append(value)
                    }
                    arguments += extra[spelled] ?? []
                    #expect(QuickCommandLine.parse(arguments) != nil, "not read: \(arguments)")
                    checked += 1
                }
            }
        }
        #expect(checked > 35)
    }
}
