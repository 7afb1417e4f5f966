import ArgumentParser
import Foundation
import LabKit
import LabSpec

extension LabCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "list",
            abstract: "List the exercises: ticked or not, last result, manual or checked.",
            discussion: """
                Examples:
                  lab list          every exercise of every phase
                  lab list 2        the exercises of phase 2
                  lab list --json
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: "Only this phase (its number).")
        var phase: Int?

        @Flag(help: "Print the list as JSON on stdout.")
        var json = false

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try await context.run {
                let (project, lab) = try context.openLab()
                if let phase, lab.phase(id: phase) == nil {
                    throw LabError.noSuchPhase(String(phase), suggestion: nil)
                }
                let listing = ExerciseListing.make(project: project, lab: lab, phase: phase)
                for warning in listing.warnings { context.terminal.warning(warning) }
                if json {
                    context.terminal.out(JSONValue.array(listing.entries.map(Self.json)).rendered())
                } else {
                    Self.printText(listing, lab: lab, terminal: context.terminal)
                }
            }
        }

        static func json(_ entry: ExerciseListing.Entry) -> JSONValue {
            .object([
                ("id", .string(entry.exercise.id)),
                ("phase", .integer(entry.exercise.phase)),
                ("title", .string(entry.exercise.title)),
                ("ticked", .bool(entry.ticked ?? false)),
                ("has_item", .bool(entry.ticked != nil)),
                ("kind", .string(entry.exercise.isManual ? "manual" : "checked")),
                ("last", entry.last.map { .object([("result", .string($0.result)), ("at", .string(ISO8601.string($0.at)))]) } ?? .null),
            ])
        }

        static func printText(_ listing: ExerciseListing, lab: Lab, terminal: Terminal) {
            let idWidth = min(32, listing.entries.map(\.exercise.id.count).max() ?? 0)
            let titleWidth = min(52, listing.entries.map(\.exercise.title.count).max() ?? 0)
            var currentPhase: Int?
            let now = Date()
            for entry in listing.entries {
                if entry.exercise.phase != currentPhase {
                    currentPhase = entry.exercise.phase
                    if let phase = lab.phase(id: entry.exercise.phase) {
                        if entry.exercise.phase != listing.entries.first?.exercise.phase { terminal.out("") }
                        terminal.out(terminal.style("Phase \(phase.id) — \(phase.title)", .bold) + " (\(phase.status.rawValue))")
                    }
                }
                let box: String
                switch entry.ticked {
                case true?: box = terminal.style("[x]", .green)
                case false?: box = "[ ]"
                case nil: box = terminal.style("[?]", .yellow)
                }
                var line = "  \(box) " + TextTable.pad(entry.exercise.id, idWidth) + "  " + TextTable.pad(TextTable.truncate(entry.exercise.title, titleWidth), titleWidth)
                if entry.exercise.isManual {
                    line += "  " + terminal.style("manual", .dim)
                } else if let last = entry.last {
                    let color: Terminal.Style = last.result == "passed" ? .green : (last.result == "skipped" ? .yellow : .red)
                    line += "  " + terminal.style(last.result.replacingOccurrences(of: "_", with: " "), color) + " " + TextTable.ago(now.timeIntervalSince(last.at))
                } else {
                    line += "  " + terminal.style("not run", .dim)
                }
                if entry.ticked == nil { line += terminal.style("  (no item in its phase document)", .yellow) }
                terminal.out(line)
            }
        }
    }
}
