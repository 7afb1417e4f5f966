import ArgumentParser
import LabKit

extension LabCommand {
    struct Doctor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Check that the programs the exercises need are installed, and say how to get those that are not.",
            discussion: """
                Looks on PATH for the shell that runs the steps (defaults.shell) and every program \
                an exercise 'requires': found or missing, where, its version (from PROGRAM \
                --version, given 2 seconds: a program that hangs is stopped and its version shown \
                as unknown), which exercises need it, and how to install it — with apt, Homebrew \
                or pip for the tools of the course, or the lab's own hint (install: in lab.yml). \
                It runs nothing that lives inside the lab.

                Exit status 1 when a program that a phase in progress needs is missing.

                Examples:
                  lab doctor
                  lab doctor --json
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Flag(help: "Print the report as JSON on stdout.")
        var json = false

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try await context.run {
                let report = try await DoctorWorkflow.run(.init(location: context.location))
                DoctorPrinter(terminal: context.terminal).print(report, json: json)
                return report.missingNow.isEmpty ? ExitStatus.success : ExitStatus.failure
            }
        }
    }
}
