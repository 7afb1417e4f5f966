import ArgumentParser
import LabKit

extension LabCommand {
    struct Scaffold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "scaffold",
            abstract: "Generate or regenerate folder skeletons from their templates, keeping every edit you made.",
            discussion: """
                Renders each scaffold's template set into its folder. A file you never touched is \
                updated; a file you edited keeps your edit, merged with the template's change when \
                both changed it; where both changed the same lines the file gets conflict markers \
                (or, with --conflict rej, the template's version beside it as FILE.lab-new). Nothing \
                is written until the whole plan is computed and every path checked. What was \
                generated is recorded in .lab/scaffold.lock and .lab/base/ (commit both).

                With no NAME: the scaffolds of every phase started, and those no phase introduces.
                Exit status 1 when a file needs your attention (a conflict, a file lab did not \
                generate) or a path is refused, 2 when a template has errors.

                Examples:
                  lab scaffold --dry-run          what would change, writing nothing
                  lab scaffold cloud --diff       regenerate cloud/ and show each change
                  lab scaffold --conflict rej     conflicts as FILE.lab-new, your file untouched
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(
            help: ArgumentHelp("Scaffolds to render (default: those of the phases started, and those of no phase).", valueName: "NAME"),
            completion: Completions.scaffolds)
        var names: [String] = []

        @Flag(help: "Print the plan and write nothing, not even .lab/.")
        var dryRun = false

        @Flag(help: "Print a unified diff of each change.")
        var diff = false

        @Flag(help: "Replace edited files with the template's version, after copying each to .lab/backup/<UTC time>/.")
        var force = false

        @Flag(name: .customLong("repair-lock"), help: "Rebuild .lab/scaffold.lock from the merge bases in .lab/base/ (when the lock no longer reads), then regenerate.")
        var repairLock = false

        @Option(help: ArgumentHelp("How to hand over a conflicting merge: inline (markers in the file) or rej (the template's version beside it as FILE.lab-new).", valueName: "STYLE"))
        var conflict: ConflictChoice = .inline

        var arguments: ScaffoldArguments {
            ScaffoldArguments(names: names, dryRun: dryRun, diff: diff, force: force, repairLock: repairLock, conflict: conflict)
        }

        func run() async throws {
            try await Self.run(global.settings.merged(over: parent.global.settings), arguments)
        }

        static func run(_ settings: GlobalSettings, _ arguments: ScaffoldArguments) async throws {
            let context = CommandContext(settings)
            try await context.run {
                let result = try await ScaffoldWorkflow.run(arguments.request(at: context.location))
                switch result {
                case .nothingToScaffold(let labHasScaffolds):
                    context.terminal.note(labHasScaffolds
                        ? "nothing to scaffold yet: no started phase introduces a scaffold (name one: lab scaffold NAME)"
                        : "nothing to scaffold: lab.yml defines no scaffolds")
                    return ExitStatus.success
                case .planned(let plan, let project, let outcome, let repairedLock):
                    var printer = ScaffoldPlanPrinter(
                        terminal: context.terminal, labSource: project.loaded.source, dryRun: arguments.dryRun, showDiffs: arguments.diff)
                    if let repairedLock {
                        printer.printRepairedLock(files: repairedLock)
                        printer.lockRebuilt = !arguments.dryRun
                    }
                    printer.print(plan, outcome: outcome)
                    return ExitStatus.of(plan)
                }
            }
        }
    }
}
