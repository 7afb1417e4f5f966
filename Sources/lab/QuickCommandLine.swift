import ArgumentParser
import Foundation

/// The command lines of the commands run most often — `status`, `list`, `check`, `scaffold` and
/// `validate`, and `lab --version` — read without argument-parser.
///
/// argument-parser learns a command's options by reflection, and on Linux each type it asks
/// about for the first time makes the Swift runtime scan every protocol conformance record of
/// the binary: 12–20 M instructions, a third of `lab status`. A command line made only of the
/// plain forms below is read here instead:
///
/// - the subcommand, with the global options before or after it, each given once;
/// - `--name value`, `--name=value`, `-x value`, flags, and `-jN`;
/// - values and positional arguments that are not empty and do not start with '-'.
///
/// `lab --version`, alone, prints the version argument-parser would print. Anything else — help,
/// `--version` anywhere else, completion requests, `--`, an unknown or repeated option,
/// a value argument-parser would reject, any usage error — returns nil and goes to
/// argument-parser, which stays the one authority on what a command line means and how a
/// mistake is reported. Tests parse generated command lines both ways and require the same
/// result, and require this table to name every option argument-parser knows.
///
/// The checks argument-parser runs after parsing are made here too: `GlobalSettings.validate`
/// and `CheckArguments.validate`, and `Validate.validate`'s. A `validate()` given to
/// `LabCommand`, `Status`, `List` or `Scaffold` must be called here as well.
enum QuickCommandLine {
    /// A command line read: the command and its values, global options merged.
    enum Invocation: Equatable {
        case status(GlobalSettings, json: Bool)
        case list(GlobalSettings, phase: Int?, json: Bool)
        case check(GlobalSettings, CheckArguments)
        case scaffold(GlobalSettings, ScaffoldArguments)
        case validate(GlobalSettings, json: Bool, format: ValidationPrinter.Format?)
        case version
    }

    /// The command `arguments` (without the program name) ask for, or nil when argument-parser
    /// must read them.
    static func parse(_ arguments: [String]) -> Invocation? {
        if arguments == ["--version"] { return .version }
        guard arguments.allSatisfy(Reader.isPlain) else { return nil }
        var reader = Reader(arguments)
        var global = GlobalReader()
        let invocation: Invocation?
        switch subcommand(&reader, &global) {
        case "status": invocation = status(&reader, &global)
        case "list": invocation = list(&reader, &global)
        case "check": invocation = check(&reader, &global)
        case "scaffold": invocation = scaffold(&reader, &global)
        case "validate": invocation = validate(&reader, &global)
        default: return nil
        }
        guard let invocation, (try? global.settings.validate()) != nil else { return nil }
        return invocation
    }

    /// The subcommand `arguments` name after the global options before it, whether or not the
    /// rest is read here: what `LabMain.main` sets the allocator up for, before any thread.
    static func subcommand(_ arguments: [String]) -> String? {
        var reader = Reader(arguments)
        var global = GlobalReader()
        return subcommand(&reader, &global)
    }

    /// Reads the global options before the subcommand, and the subcommand; nil when one of them
    /// is in a form left to argument-parser, or there is no subcommand.
    private static func subcommand(_ reader: inout Reader, _ global: inout GlobalReader) -> String? {
        while let token = reader.next() {
            guard token.hasPrefix("-") else { return token }
            guard global.read(token, from: &reader) == .read else { return nil }
        }
        return nil
    }

    /// Runs what `parse` read, as argument-parser's `main` would run the parsed command, and ends
    /// the process. `status`, `list`, `validate` and the version run on this thread, which
    /// `LabMain` calls this from; `check` and `scaffold` run on Swift concurrency's pool.
    static func run(_ invocation: Invocation) -> Never {
        switch invocation {
        case .status(let settings, let json): end { try LabCommand.Status.run(settings, json: json) }
        case .list(let settings, let phase, let json): end { try LabCommand.List.run(settings, phase: phase, json: json) }
        case .validate(let settings, let json, let format): end { try LabCommand.Validate.run(settings, json: json, format: format) }
        case .version: end { print(LabCommand.version) }
        case .check(let settings, let arguments): LabCommand.Check.start(settings, arguments)
        case .scaffold(let settings, let arguments):
            LabMain.runOnPool { await end { try await LabCommand.Scaffold.run(settings, arguments) } }
        }
    }

    /// Runs `body` and exits: 0 when it returns, the status of an `ExitCode` it throws, and as
    /// argument-parser's `exit(withError:)` for anything else, without the usage text that
    /// builds first. The exit is made on the caller's thread, as `runOnPool`'s body must end
    /// the process rather than return.
    static func end(_ body: () throws -> Void) -> Never {
        do {
            try body()
            Foundation.exit(0)
        } catch {
            end(with: error)
        }
    }

    /// `body`'s value, or the end of the process, as `end` ends it, when `body` throws.
    static func end<Value>(_ body: () throws -> Value) -> Value {
        do {
            return try body()
        } catch {
            end(with: error)
        }
    }

    static func end(_ body: () async throws -> Void) async -> Never {
        do {
            try await body()
            Foundation.exit(0)
        } catch {
            end(with: error)
        }
    }

    private static func end(with error: any Error) -> Never {
        if let status = error as? ExitCode { Foundation.exit(status.rawValue) }
        LabCommand.exit(withError: error)
    }

    private static func status(_ reader: inout Reader, _ global: inout GlobalReader) -> Invocation? {
        var json = false
        while let token = reader.next() {
            if token == "--json", !json {
                json = true
            } else if global.read(token, from: &reader) != .read {
                return nil
            }
        }
        return .status(global.settings, json: json)
    }

    private static func list(_ reader: inout Reader, _ global: inout GlobalReader) -> Invocation? {
        var json = false
        var phase: Int?
        while let token = reader.next() {
            if token == "--json", !json {
                json = true
            } else if !token.hasPrefix("-"), phase == nil {
                guard let number = try? PhaseNumber.parse(token) else { return nil }
                phase = number
            } else if global.read(token, from: &reader) != .read {
                return nil
            }
        }
        return .list(global.settings, phase: phase, json: json)
    }

    private static func check(_ reader: inout Reader, _ global: inout GlobalReader) -> Invocation? {
        var arguments = CheckArguments()
        let read = readArguments(&reader, &global, split: { token in
            // -jN: the one option argument-parser reads joined to its name.
            let (name, attached): (Substring, Substring?) =
                token.hasPrefix("-j") && token.count > 2 ? ("-j", token.dropFirst(2)) : Reader.split(token)
            return (name == "-j" ? "--jobs" : name, attached)
        }, positional: { arguments.targets.append($0) }) { option, attached, reader in
            switch option {
            case "--jobs":
                guard let text = reader.value(attached), let jobs = try? JobCount.parse(text) else { return false }
                arguments.jobs = jobs
            case "--format":
                guard let text = reader.value(attached), let format = CheckReportFormat(rawValue: text) else { return false }
                arguments.format = format
            case "--output":
                guard let text = reader.value(attached) else { return false }
                arguments.output = text
            case "--shard":
                guard let text = reader.value(attached) else { return false }
                arguments.shard = text
            case "--durations":
                guard let text = reader.value(attached) else { return false }
                arguments.durations = text
            default:
                guard attached == nil else { return false }
                switch option {
                case "--all": arguments.all = true
                case "--force": arguments.force = true
                case "--no-mark": arguments.noMark = true
                case "--fail-fast": arguments.failFast = true
                case "--dry-run": arguments.dryRun = true
                case "--watch": arguments.watch = true
                case "--strict": arguments.strict = true
                default: return false
                }
            }
            return true
        }
        guard read, (try? arguments.validate()) != nil else { return nil }
        return .check(global.settings, arguments)
    }

    private static func scaffold(_ reader: inout Reader, _ global: inout GlobalReader) -> Invocation? {
        var arguments = ScaffoldArguments()
        let read = readArguments(&reader, &global, positional: { arguments.names.append($0) }) { option, attached, reader in
            if option == "--conflict" {
                guard let text = reader.value(attached), let choice = ConflictChoice(rawValue: text) else { return false }
                arguments.conflict = choice
                return true
            }
            guard attached == nil else { return false }
            switch option {
            case "--dry-run": arguments.dryRun = true
            case "--diff": arguments.diff = true
            case "--force": arguments.force = true
            case "--repair-lock": arguments.repairLock = true
            default: return false
            }
            return true
        }
        return read ? .scaffold(global.settings, arguments) : nil
    }

    private static func validate(_ reader: inout Reader, _ global: inout GlobalReader) -> Invocation? {
        var json = false, format: ValidationPrinter.Format?, positional = false
        let read = readArguments(&reader, &global, positional: { _ in positional = true }) { option, attached, reader in
            switch option {
            case "--format":
                guard let text = reader.value(attached), let choice = ValidationPrinter.Format(rawValue: text) else { return false }
                format = choice
            case "--json":
                guard attached == nil else { return false }
                json = true
            default:
                return false
            }
            return true
        }
        // No argument of its own, and `Validate.validate`'s check: argument-parser reports either.
        guard read, !positional, !(json && format != nil && format != .json) else { return nil }
        return .validate(global.settings, json: json, format: format)
    }

    /// Reads the arguments after a subcommand: each positional one goes to `positional`, each
    /// global option to `global`, and every other option — named as `split` names it, at most
    /// once — to `option`, with its attached value (`--name=value`) and the reader for a value
    /// given apart. False when an argument is in a form left to argument-parser (or `option`
    /// returns false).
    private static func readArguments(
        _ reader: inout Reader, _ global: inout GlobalReader, split: (String) -> (Substring, Substring?) = Reader.split,
        positional: (String) -> Void, option: (Substring, Substring?, inout Reader) -> Bool
    ) -> Bool {
        // A list, not a Set: the first Set of a new element type costs a scan of every
        // conformance record of the binary (its Hashable requirement is checked at run time).
        var seen: [Substring] = []
        while let token = reader.next() {
            if !token.hasPrefix("-") {
                positional(token)
                continue
            }
            switch global.read(token, from: &reader) {
            case .read: continue
            case .rejected: return false
            case .other: break
            }
            let (name, attached) = split(token)
            guard !seen.contains(name) else { return false }
            seen.append(name)
            guard option(name, attached, &reader) else { return false }
        }
        return true
    }

    /// The options every command takes, before or after the subcommand, each at most once.
    private struct GlobalReader {
        /// What became of an argument.
        enum Result { case read, rejected, other }

        var settings = GlobalSettings()
        private var seen: [Substring] = []

        /// Reads `token` (and its value) when it is a global option: `.rejected` when it is one in
        /// a form left to argument-parser, `.other` when it is not one.
        mutating func read(_ token: String, from reader: inout Reader) -> Result {
            let (name, attached) = Reader.split(token)
            let option: Substring
            switch name {
            case "-C": option = "-C"
            case "--lab": option = "--lab"
            case "--color": option = "--color"
            case "-q", "--quiet": option = "--quiet"
            case "-v", "--verbose": option = "--verbose"
            default: return .other
            }
            guard !seen.contains(option) else { return .rejected }
            seen.append(option)
            switch option {
            case "--quiet", "--verbose":
                guard attached == nil else { return .rejected }
                if option == "--quiet" { settings.quiet = true } else { settings.verbose = true }
            default:
                guard let value = reader.value(attached) else { return .rejected }
                switch option {
                case "-C": settings.directory = value
                case "--lab": settings.labFile = value
                default:
                    guard let color = ColorChoice(rawValue: value) else { return .rejected }
                    settings.color = color
                }
            }
            return .read
        }
    }

    /// The arguments, one at a time.
    private struct Reader {
        private var rest: ArraySlice<String>

        init(_ arguments: [String]) { rest = arguments[...] }

        /// The next argument; nil at the end.
        mutating func next() -> String? { rest.popFirst() }

        /// An option's value: `attached` (`--name=value`, `-jN`) when there is one, else the next
        /// argument (`--name value`), unless it is an option itself (argument-parser reports
        /// that value as missing). Nil for an empty attached value: argument-parser reads
        /// `--name=` as `--name` and takes the next argument as its value.
        mutating func value(_ attached: Substring?) -> String? {
            if let attached { return attached.isEmpty ? nil : String(attached) }
            guard let token = rest.first, !token.hasPrefix("-") else { return nil }
            rest.removeFirst()
            return token
        }

        /// `--name=value` as its name and value; any other argument as itself, without a value.
        static func split(_ token: String) -> (Substring, Substring?) {
            guard token.hasPrefix("--"), let equals = token.firstIndex(of: "=") else { return (token[...], nil) }
            return (token[..<equals], token[token.index(after: equals)...])
        }

        /// Not one of the arguments left to argument-parser wherever they are: `--`, `help`, `-`
        /// and an empty argument. (`-h`, `--help`, `--version` and the completion requests are
        /// unknown options here, and leave the same way.)
        static func isPlain(_ token: String) -> Bool {
            !token.isEmpty && token != "-" && token != "--" && token != "help"
        }
    }
}
