import ArgumentParser
import LabKit

extension LabCommand {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "status",
            abstract: "Show each phase's progress and the next exercise to do.",
            discussion: """
                Progress is counted from the task list items ("- [ ]" / "- [x]") of each phase's \
                document in docs/phases/. The next exercise is the first unticked one of the \
                phases in progress.

                Examples:
                  lab status
                  lab status --json
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Flag(help: "Print the status as JSON on stdout.")
        var json = false

        func run() async throws {
            try Self.run(global.settings.merged(over: parent.global.settings), json: json)
        }

        static func run(_ settings: GlobalSettings, json: Bool) throws {
            let context = CommandContext(settings)
            try context.run {
                let report = try StatusQuery.run(context.location, now: try context.now())
                StatusPrinter(terminal: context.terminal).print(report, json: json)
                return ExitStatus.success
            }
        }
    }
}
