import ArgumentParser
import Foundation
import LabKit
import LabSpec

extension LabCommand {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "status",
            abstract: "Show each phase's progress and the next exercise to do.",
            discussion: """
                Progress is counted from the task list items ("- [ ]" / "- [x]") of each phase's \
                document in docs/phases/. The next exercise is the first unticked one of the \
                phases in progress.

                Examples:
                  lab status
                  lab status --json
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Flag(help: "Print the status as JSON on stdout.")
        var json = false

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try await context.run {
                let (project, lab) = try context.openLab()
                let report = StatusReport.make(project: project, lab: lab)
                for warning in report.warnings { context.terminal.warning(warning) }
                if json {
                    context.terminal.out(Self.json(report).rendered())
                } else {
                    Self.printText(report, terminal: context.terminal)
                }
            }
        }

        static func json(_ report: StatusReport) -> JSONValue {
            .object([
                ("lab", .string(report.lab)),
                ("phases", .array(report.phases.map { phase in
                    .object([
                        ("id", .integer(phase.id)),
                        ("title", .string(phase.title)),
                        ("weeks", .optional(phase.weeks)),
                        ("status", .string(phase.status.rawValue)),
                        ("doc", .string(phase.doc)),
                        ("done", .integer(phase.done)),
                        ("total", .integer(phase.total)),
                        ("exercises", .integer(phase.exercises)),
                    ])
                })),
                ("next", report.next.map { next in
                    .object([("exercise", .string(next.exercise.id)), ("phase", .integer(next.phase)), ("title", .string(next.exercise.title))])
                } ?? .null),
            ])
        }

        static func printText(_ report: StatusReport, terminal: Terminal) {
            terminal.out(terminal.style(report.lab, .bold))
            terminal.out("")
            let titleWidth = min(44, report.phases.map(\.title.count).max() ?? 0)
            for phase in report.phases {
                var line = "  " + terminal.style("Phase \(phase.id)", .bold) + "  " + TextTable.pad(TextTable.truncate(phase.title, titleWidth), titleWidth)
                let status: String
                switch phase.status {
                case .inProgress: status = terminal.style(TextTable.pad("in progress", 11), .yellow)
                case .done: status = terminal.style(TextTable.pad("done", 11), .green)
                case .pending: status = terminal.style(TextTable.pad("pending", 11), .dim)
                }
                line += "  " + status
                if !phase.documentExists && phase.status == .pending {
                    // Not started: no document, so no checklist yet; say what the phase holds.
                    line += "  " + terminal.style(phase.exercises == 1 ? "1 exercise" : "\(phase.exercises) exercises", .dim)
                } else {
                    if terminal.stdoutIsTTY {
                        line += "  " + bar(done: phase.done, total: phase.total, terminal: terminal)
                    }
                    line += "  \(phase.done)/\(phase.total)"
                }
                terminal.out(line)
            }
            terminal.out("")
            if let next = report.next {
                terminal.out("Next: " + terminal.style(next.exercise.id, .bold) + " — \(next.exercise.title) (phase \(next.phase))")
                terminal.out("  lab hint \(next.exercise.id)" + (next.exercise.isManual ? "      then: lab mark \(next.exercise.id)" : "      then: lab check \(next.exercise.id)"))
            } else if let phase = report.phaseToStart {
                terminal.out("No phase is in progress: start with " + terminal.style("lab phase start \(phase)", .bold))
            } else if report.phases.contains(where: { $0.status == .inProgress }) {
                let current = report.phases.first { $0.status == .inProgress }
                terminal.out("Every exercise of the phases in progress is ticked: finish with " + terminal.style("lab phase finish \(current?.id ?? 1)", .bold))
            } else {
                terminal.out("Every phase is done.")
            }
        }

        static func bar(done: Int, total: Int, terminal: Terminal, width: Int = 20) -> String {
            let filled = total == 0 ? 0 : Int((Double(done) / Double(total) * Double(width)).rounded())
            return terminal.style(String(repeating: "█", count: filled), .green) + terminal.style(String(repeating: "░", count: width - filled), .dim)
        }
    }
}
