import ArgumentParser
import LabKit

extension LabCommand {
    struct Mark: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "mark",
            abstract: "Tick (or untick) exercises' checklist items by hand.",
            discussion: """
                For manual exercises (those without 'verify'), and for fixing a checklist by hand. An \
                exercise with a check is ticked by 'lab check' when it passes; ticking it here needs \
                --force (lab mark never runs a check), and a later failure of its check is called a \
                regression only once it has passed. Only the character between the brackets \
                changes; the rest of the document stays byte for byte. Each change is recorded in the \
                journal (see 'lab log'); the README's phase table and the pictures in assets/ are \
                brought up to date.

                Examples:
                  lab mark teach-back
                  lab mark --undo teach-back
                  lab mark --force first-adr
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: "The exercises to tick.", completion: Completions.exercises)
        var ids: [String]

        @Flag(help: "Untick instead.")
        var undo = false

        @Flag(help: "Tick exercises that have a check too, without running it.")
        var force = false

        func validate() throws {
            if ids.isEmpty { throw ValidationError("name at least one exercise, e.g. 'lab mark teach-back'") }
        }

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try context.run {
                let terminal = context.terminal
                let request = MarkWorkflow.Request(location: context.location, ids: ids, checked: !undo, force: force)
                let result: MarkWorkflow.Result
                do {
                    result = try MarkWorkflow.run(request) { terminal.warning($0) }
                } catch LabError.noSuchExercise(let id, let hint) where ids.count > 1 {
                    // Among other ids: say that none of them was set either.
                    throw LabError.message(LabError.noSuchExercise(id, hint: hint).description + "; nothing was " + (undo ? "unticked" : "ticked"))
                }
                return MarkPrinter(terminal: terminal).print(result, undo: undo)
            }
        }
    }
}
