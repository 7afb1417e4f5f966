import ArgumentParser
import Foundation
import LabKit
import LabSpec

extension LabCommand {
    struct PhaseCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "phase",
            abstract: "Start or finish a phase.",
            discussion: """
                Examples:
                  lab phase start 2 --dry-run   what starting phase 2 would change
                  lab phase start 2             its document, its folders, lab.yml, the README table
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
                Running it again changes nothing. Exit status 1 when a scaffold has conflicts.

                Examples:
                  lab phase start 2 --dry-run
                  lab phase start 2
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: "The phase number.")
        var phase: Int

        @Flag(name: .customLong("dry-run"), help: "Print every change, write nothing.")
        var dryRun = false

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try await context.run {
                var lock: LabLock?
                let (project, lab): (LabProject, Lab)
                if dryRun {
                    (project, lab) = try context.openLab()
                } else {
                    let locked = try context.openLabLocked()
                    (project, lab, lock) = (locked.0, locked.1, locked.2)
                }
                let terminal = context.terminal
                defer { withExtendedLifetime(lock) {} }
                let plan = try PhaseStarter.plan(phase: phase, project: project, lab: lab)
                for note in plan.notes { terminal.note(note) }
                context.printDiagnostics(plan.warnings, of: project)
                var printer = ScaffoldPlanPrinter(context: context, project: project, dryRun: dryRun, showDiffs: false)
                if let scaffolds = plan.scaffolds, scaffolds.isBlocked {
                    printer.print(scaffolds, outcome: nil)
                    terminal.error("phase \(phase) was not started")
                    throw ExitCode(scaffolds.exitStatus)
                }
                if plan.changesNothing {
                    terminal.out("phase \(phase) is already started; nothing to change")
                    return
                }
                describe(plan, project: project, lab: lab, terminal: terminal)
                if dryRun {
                    if let scaffolds = plan.scaffolds { printer.print(scaffolds, outcome: nil) }
                    terminal.out(terminal.style("dry run: nothing was written", .dim))
                    return
                }
                let outcome = try PhaseStarter.apply(plan, project: project)
                if let scaffolds = plan.scaffolds { printer.print(scaffolds, outcome: outcome) }
                let done = plan.labFile == nil ? "phase \(phase) was already in progress; its document and table are up to date" : "phase \(phase) started"
                terminal.out(terminal.style(done, .bold, .green) + " — next: lab status")
                if let scaffolds = plan.scaffolds, scaffolds.exitStatus != 0 { throw ExitCode(scaffolds.exitStatus) }
            }
        }

        func describe(_ plan: PhaseStartPlan, project: LabProject, lab: Lab, terminal: Terminal) {
            let doc = plan.phase.doc
            let verb = dryRun ? "would " : ""
            switch plan.document {
            case .create(let rendered):
                terminal.out("\(verb)create \(doc) (\(rendered.text.split(separator: "\n", omittingEmptySubsequences: false).count - 1) lines, \(plan.phase.exercises.count) checklist items)")
            case .complete(let completion):
                terminal.out("\(verb)append to \(doc) after line \(completion.afterLine):")
                for line in completion.lines { terminal.out("  + \(line)") }
            case .unchanged:
                terminal.out("\(doc): every exercise has its item")
            }
            if let change = plan.labFile {
                terminal.out("\(verb)set \(project.displayName):\(change.line):")
                if !change.before.isEmpty { terminal.out(terminal.style("  - \(change.before)", .red)) }
                terminal.out(terminal.style("  + \(change.after)", .green))
            }
            switch plan.readme {
            case .update(let diff, _):
                terminal.out("\(verb)update the phase table of \(lab.paths.readme):")
                for line in diff.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                    let style: Terminal.Style? = line.hasPrefix("+") ? .green : line.hasPrefix("-") ? .red : nil
                    terminal.out("  " + (style.map { terminal.style(String(line), $0) } ?? String(line)))
                }
            case .unchanged:
                break
            case .missingMarkers:
                terminal.note("\(lab.paths.readme) has no phase table markers, so it was left alone; add a line '\(ReadmeTable.startMarker)' and a line '\(ReadmeTable.endMarker)' where the table belongs")
            case .missingFile:
                terminal.note("there is no \(lab.paths.readme), so there is no phase table to update")
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

        @Argument(help: "The phase number.")
        var phase: Int

        @Flag(help: "Finish even with unticked items.")
        var force = false

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try await context.run {
                let (project, lab, lock) = try context.openLabLocked()
                let terminal = context.terminal
                defer { withExtendedLifetime(lock) {} }
                let plan = try PhaseFinisher.plan(phase: phase, project: project, lab: lab)
                if !force && (plan.documentMissing || !plan.unticked.isEmpty) {
                    if plan.documentMissing {
                        terminal.error("phase \(phase) has no document ('\(plan.phase.doc)'); start it with 'lab phase start \(phase)', or use --force")
                    } else {
                        terminal.error("phase \(phase) still has \(plan.unticked.count) unticked item\(plan.unticked.count == 1 ? "" : "s") in \(plan.phase.doc):")
                        for item in plan.unticked { terminal.err("  \(plan.phase.doc):\(item.line)  [ ] \(item.text)") }
                        terminal.err("tick them (lab check, lab mark ID) or finish anyway with --force")
                    }
                    throw ExitCode(1)
                }
                var readmeChanges = false
                if case .update = plan.readme { readmeChanges = true }
                if plan.labFile == nil && !readmeChanges {
                    terminal.out("phase \(phase) is already done")
                    return
                }
                try PhaseFinisher.apply(plan, project: project, lab: lab)
                if case .missingMarkers = plan.readme {
                    terminal.note("\(lab.paths.readme) has no phase table markers, so it was left alone")
                }
                terminal.out(terminal.style("phase \(phase) done", .bold, .green) + (force && !plan.unticked.isEmpty ? " (with \(plan.unticked.count) unticked items)" : ""))
                if let next = lab.phases.first(where: { $0.id > phase && $0.status == .pending }) {
                    terminal.out("next: lab phase start \(next.id)")
                }
            }
        }
    }
}
