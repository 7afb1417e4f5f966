import ArgumentParser
import Foundation
import LabRuntime

struct LabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Run a self-study infrastructure lab: start phases, check exercises, tick checklists, regenerate skeletons.",
        discussion: """
            A lab is a git repository with a plan in lab.yml: phases, each with exercises whose checks \
            verify what you built. lab finds lab.yml in the current folder or a folder above it.

            Start here:
              lab status              where you are, and what to do next
              lab check               run the checks of the phases in progress
              lab hint dns-resolution what an exercise asks, and how it is checked
              lab phase start 2       begin the next phase
              lab log                 what was done, day by day
            """,
        version: version,
        subcommands: [
            Status.self, List.self, Check.self, Mark.self, Hint.self, Quiz.self, PhaseCommand.self, Scaffold.self,
            Log.self, Review.self, New.self, Doctor.self, Watch.self, Pictures.self, Validate.self, Init.self, MergeReports.self,
        ]
    )

    /// What `lab --version` prints.
    static let version = "0.1.0"

    /// Options given before the subcommand (`lab -C DIR status`), merged into the subcommand's own.
    @OptionGroup var global: GlobalOptions

    /// When the process started, near enough: what a check's summary counts its time from.
    nonisolated(unsafe) static var launched = ContinuousClock.now

    /// argument-parser's `main`, except that usage errors are printed in lab's style
    /// (`lab: error: …`, exit status 64) instead of argument-parser's `Error: …` and usage. What
    /// `LabMain` runs for a command line `QuickCommandLine` leaves to argument-parser.
    static func parseAndRun(_ commandLine: [String]) async -> Never {
        let arguments = Completions.withCursor(commandLine)
        if arguments.contains("help"), let usage = UsageErrorMessage(helpRequest: arguments, commands: commandTree(self)) {
            fail(usage)
        }
        do {
            var command = try await asyncParseAsRoot(arguments)
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let status as ExitCode {
            // As `exit(withError:)` would, without the usage text it builds first.
            Foundation.exit(status.rawValue)
        } catch {
            // Help, the version and completions go through argument-parser.
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            let usage = UsageErrorMessage(parserMessage: message(for: error), arguments: arguments, commands: commandTree(self))
            fail(usage)
        }
    }

    /// Prints `usage` as every other error is printed, then exits with status 64.
    private static func fail(_ usage: UsageErrorMessage) -> Never {
        UsageErrorPrinter(terminal: Terminal(color: .auto)).print(usage)
        Foundation.exit(ExitCode.validationFailure.rawValue)
    }

    /// The names of `command`'s subcommands, and theirs, for suggestions.
    private static func commandTree(_ command: ParsableCommand.Type) -> UsageErrorMessage.CommandTree {
        var tree = UsageErrorMessage.CommandTree()
        for subcommand in command.configuration.subcommands {
            let name = subcommand.configuration.commandName ?? String(describing: subcommand).lowercased()
            tree.subcommands[name] = commandTree(subcommand)
        }
        if !tree.subcommands.isEmpty { tree.subcommands["help"] = UsageErrorMessage.CommandTree() }
        return tree
    }
}
