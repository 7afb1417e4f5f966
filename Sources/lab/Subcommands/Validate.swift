import ArgumentParser
import LabKit

extension LabCommand {
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "validate",
            abstract: "Report every problem in lab.yml, its templates and its phase documents.",
            discussion: """
                Problems are printed like compiler errors, each with its file, line and column, the \
                source line and a caret. Exit status 2 when there is an error, 0 otherwise (warnings \
                alone do not fail).

                Examples:
                  lab validate
                  lab validate --json | jq '.diagnostics[].message'
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Flag(help: "Print the diagnostics as JSON on stdout.")
        var json = false

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try await context.run {
                let report = try ValidateWorkflow.run(context.location)
                ValidationPrinter(terminal: context.terminal).print(report, json: json)
                return report.errorCount > 0 ? ExitStatus.invalid : ExitStatus.success
            }
        }
    }
}
