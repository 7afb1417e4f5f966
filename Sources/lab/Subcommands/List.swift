import ArgumentParser
import LabKit

extension LabCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "list",
            abstract: "List the exercises: ticked or not, last result, manual or checked.",
            discussion: """
                Examples:
                  lab list          every exercise of every phase
                  lab list 2        the exercises of phase 2
                  lab list --json
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: "Only this phase (its number).", completion: Completions.phases, transform: PhaseNumber.parse)
        var phase: Int?

        @Flag(help: "Print the list as JSON on stdout.")
        var json = false

        func run() async throws {
            try Self.run(global.settings.merged(over: parent.global.settings), phase: phase, json: json)
        }

        static func run(_ settings: GlobalSettings, phase: Int?, json: Bool) throws {
            let context = CommandContext(settings)
            try context.run {
                let result = try ListQuery.run(context.location, phase: phase)
                ListPrinter(terminal: context.terminal).print(result, json: json)
                return ExitStatus.success
            }
        }
    }
}
