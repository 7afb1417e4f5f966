import ArgumentParser
import LabKit

extension LabCommand {
    struct Hint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "hint",
            abstract: "Show what an exercise asks, how it is checked, and its checklist item.",
            discussion: """
                Examples:
                  lab hint dns-resolution
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: "The exercise.", completion: Completions.exercises)
        var id: String

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try context.run {
                let result = try HintQuery.run(context.location, exercise: id)
                HintPrinter(terminal: context.terminal).print(result)
                return ExitStatus.success
            }
        }
    }
}
