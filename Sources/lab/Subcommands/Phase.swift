import ArgumentParser
import LabKit

extension LabCommand {
    struct PhaseCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "phase",
            abstract: "Start or finish a phase.",
            discussion: """
                Examples:
                  lab phase start 2 --dry-run   what starting phase 2 would change
                  lab phase start 2             its document, folders, lab.yml, README table
                  lab phase finish 1            once every item of phase 1 is ticked
                """,
            subcommands: [Start.self, Finish.self]
        )
    }
}

extension LabCommand.PhaseCommand {
    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Start a phase: its document, its scaffolds, its status, the README table.",
            discussion: """
                1. Writes the phase document from the phase-document template (the lab's own \
                templates/phase.md.mustache when it has one); when the document exists, appends an \
                item for each exercise that has none, at the end of its checklist section.
                2. Renders the phase's scaffolds, as 'lab scaffold' does.
                3. Sets 'status: in-progress' in lab.yml, changing nothing else in the file.
                4. Rewrites the phase table of the README between <!-- lab:phases --> and \
                <!-- /lab:phases -->.
                5. Records the start in the journal and redraws the pictures in assets/ (see \
                'lab pictures').
                Running it again changes nothing. Exit status 1 when a scaffold has conflicts.

                Examples:
                  lab phase start 2 --dry-run
                  lab phase start 2
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: "The phase number.", completion: Completions.phases, transform: PhaseNumber.parse)
        var phase: Int

        @Flag(name: .customLong("dry-run"), help: "Print every change, write nothing.")
        var dryRun = false

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try await context.run {
                let printer = PhasePrinter(terminal: context.terminal)
                let result = try await PhaseWorkflow.start(.init(location: context.location, phase: phase, dryRun: dryRun)) {
                    printer.printPlan($0, dryRun: dryRun)
                }
                return printer.printStart(result, dryRun: dryRun)
            }
        }
    }

    struct Finish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "finish",
            abstract: "Finish a phase: 'status: done' and the README table.",
            discussion: """
                Refuses (exit status 1, listing them) while the phase document has unticked items, \
                unless --force.

                Examples:
                  lab phase finish 1
                  lab phase finish 1 --force
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: "The phase number.", completion: Completions.phases, transform: PhaseNumber.parse)
        var phase: Int

        @Flag(help: "Finish even with unticked items.")
        var force = false

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try context.run {
                let terminal = context.terminal
                let result = try PhaseWorkflow.finish(.init(location: context.location, phase: phase, force: force)) { terminal.warning($0) }
                return PhasePrinter(terminal: context.terminal).printFinish(result, force: force)
            }
        }
    }
}
