import ArgumentParser
import LabKit

extension LabCommand {
    struct Pictures: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "pictures",
            abstract: "Draw the README's banner, badges and progress picture into assets/.",
            discussion: """
                Draws, as SVG and without the network: assets/banner.svg (the lab's name, the \
                phase in progress and its theme), assets/badges/status.svg, stage.svg and \
                progress.svg, and assets/progress.svg (a bar per phase and the passes of the last \
                twelve weeks, from the journal). A picture is written only when its bytes change. \
                Once they exist, 'lab check', 'lab mark' and 'lab phase' keep them up to date.

                Examples:
                  lab pictures --dry-run
                  lab pictures
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Flag(name: .customLong("dry-run"), help: "Say what would change, write nothing.")
        var dryRun = false

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try context.run {
                let result = try PicturesWorkflow.run(.init(location: context.location, dryRun: dryRun))
                PicturesPrinter(terminal: context.terminal).print(result, dryRun: dryRun)
                return ExitStatus.success
            }
        }
    }
}
