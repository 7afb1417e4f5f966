import ArgumentParser
import LabKit

extension LabCommand {
    struct Mark: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "mark",
            abstract: "Tick (or untick) exercises' checklist items by hand.",
            discussion: """
                For manual exercises, and for fixing a checklist by hand. Only the character between \
                the brackets changes; the rest of the document stays byte for byte. Each change is \
                recorded in the journal (see 'lab log'); the README's phase table and the pictures \
                in assets/ are brought up to date.

                Examples:
                  lab mark first-adr
                  lab mark dns-basics tls-basics
                  lab mark --undo first-adr
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: "The exercises to tick.")
        var ids: [String]

        @Flag(help: "Untick instead.")
        var undo = false

        func validate() throws {
            if ids.isEmpty { throw ValidationError("Name at least one exercise, e.g. 'lab mark first-adr'.") }
        }

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try await context.run {
                let terminal = context.terminal
                let outcomes = try MarkWorkflow.run(.init(location: context.location, ids: ids, checked: !undo)) { terminal.warning($0) }
                for outcome in outcomes {
                    let place = "\(outcome.doc):\(outcome.line)"
                    if outcome.changed {
                        terminal.out((undo ? "unticked " : "ticked ") + terminal.style(outcome.exercise, .bold) + " (\(place))")
                    } else if !terminal.quiet {
                        terminal.out("\(outcome.exercise) was already \(undo ? "unticked" : "ticked") (\(place))")
                    }
                }
                return ExitStatus.success
            }
        }
    }
}
