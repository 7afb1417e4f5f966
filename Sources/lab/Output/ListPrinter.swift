import Foundation
import LabKit

/// `lab list`: the exercises by phase, each ticked or not, manual or checked, its last result.
struct ListPrinter {
    let terminal: Terminal

    func print(_ result: ListQuery.Result, json: Bool) {
        let listing = result.listing
        for warning in listing.warnings { terminal.warning(warning) }
        if json {
            terminal.out(JSONOutput.string(listing.entries.map(ListEntryJSON.init)))
            return
        }
        let idWidth = min(32, listing.entries.map(\.exercise.id.count).max() ?? 0)
        let titleWidth = min(52, listing.entries.map(\.exercise.title.count).max() ?? 0)
        var currentPhase: Int?
        let now = Date()
        for entry in listing.entries {
            if entry.exercise.phase != currentPhase {
                currentPhase = entry.exercise.phase
                if let phase = result.lab.phase(id: entry.exercise.phase) {
                    if entry.exercise.phase != listing.entries.first?.exercise.phase { terminal.out("") }
                    var header = terminal.style("Phase \(phase.id) — \(phase.title)", .bold) + " (\(phase.status.label))"
                    if listing.phasesWithoutDocument.contains(phase.id) {
                        // Said once for the phase, rather than "no item" on each of its exercises.
                        header += terminal.style(
                            phase.status == .pending
                                ? "  no document yet: 'lab phase start \(phase.id)' writes it"
                                : "  its document \(phase.doc) does not exist: 'lab phase start \(phase.id)' writes it", .yellow)
                    }
                    terminal.out(header)
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
                let color: Terminal.Style = last.result == .passed ? .green : (last.result == .skipped ? .yellow : .red)
                line += "  " + terminal.style(last.result.label, color) + " " + TextTable.ago(now.timeIntervalSince(last.at))
            } else {
                line += "  " + terminal.style("not run", .dim)
            }
            if entry.ticked == nil && !listing.phasesWithoutDocument.contains(entry.exercise.phase) {
                line += terminal.style("  (no item in its phase document)", .yellow)
            }
            terminal.out(line)
        }
    }
}
