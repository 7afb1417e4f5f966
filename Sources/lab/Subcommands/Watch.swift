import ArgumentParser
import Foundation
import LabKit
import LabRuntime

extension LabCommand {
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "A full-screen view of the exercise in focus, re-checked whenever you save.",
            discussion: """
                Shows the next unticked exercise of the phases in progress: its title, hint and \
                steps, its last result with what failed, and a progress bar. Saving a file that \
                matches one of its sources runs its check again, as 'lab check ID' would (its item \
                is ticked when it passes).

                Keys: h hint on/off · n next exercise · p previous · r run the check again · l a \
                list to pick from (↑ ↓ or j k, Enter) · q quit (Ctrl-C too, exit status 130).

                When stdout is not a terminal, or TERM=dumb, it prints what 'lab check --watch' \
                prints instead.

                Example:
                  lab watch
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try await context.run {
                let dumb = EnvironmentVariable.value("TERM").map { $0 == "dumb" || $0.isEmpty } ?? true
                guard context.terminal.stdoutIsTTY, isatty(STDIN_FILENO) == 1, !dumb else {
                    let printer = CheckPrinter(terminal: context.terminal, stdout: .text)
                    let request = CheckWorkflow.Request(location: context.location, watch: true, launched: LabCommand.launched)
                    return ExitStatus.of(try await CheckWorkflow.run(request) { printer.handle($0) })
                }
                return try await WatchLoop(location: context.location).run()
            }
        }
    }
}
