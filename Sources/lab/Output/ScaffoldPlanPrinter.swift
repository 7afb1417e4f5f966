import Foundation
import LabKit
import LabSpec

/// Prints a scaffold plan: one line per file that changes (every file with `-v`), a unified diff
/// of each with `--diff`, the diagnostics on stderr, and a summary line.
struct ScaffoldPlanPrinter {
    let terminal: Terminal
    /// `lab.yml`, which diagnostics may point into.
    let labSource: SourceFile
    let dryRun: Bool
    let showDiffs: Bool
    /// Printed as part of `lab phase start`, which says itself what was written and why it exits 1.
    var withinPhaseStart = false
    /// `--repair-lock` wrote the lock before the plan was made: a blocked plan wrote nothing else.
    var lockRebuilt = false

    func print(_ plan: ScaffoldPlan, outcome: ScaffoldApplier.Outcome?) {
        var diagnostics = DiagnosticPrinter(terminal: terminal)
        diagnostics.sources[labSource.path] = labSource
        for source in plan.sources { diagnostics.sources[source.path] = source }
        diagnostics.print(plan.warnings + plan.refusals + plan.errors)
        if plan.isBlocked {
            var reasons: [String] = []
            if !plan.errors.isEmpty { reasons.append(TextTable.count(plan.errors.count, "template error")) }
            // Refusals are paths lab will not write and files it cannot read (the lock, a pack).
            if !plan.refusals.isEmpty {
                reasons.append(TextTable.count(plan.refusals.count, plan.errors.isEmpty ? "error" : "other error"))
            }
            terminal.error((lockRebuilt ? "nothing else written: " : "nothing written: ") + reasons.joined(separator: ", "))
            return
        }
        let width = 14
        for scaffold in plan.scaffolds {
            let shown = scaffold.files.filter { isShown($0.action) }
            if shown.isEmpty { continue }
            if !terminal.quiet {
                terminal.out(terminal.style("\(scaffold.name)", .bold) + terminal.style(" (\(scaffold.from) → \(scaffold.into)/)", .dim))
            }
            // The lines of a scaffold written at once: a write each made hundreds of system calls.
            var lines = ""
            for change in shown {
                if terminal.quiet && !change.needsAttention { continue }
                let label = TextTable.pad(change.unresolvedConflict == nil ? Self.label(change.action) : "unresolved", width)
                lines += "  " + terminal.style(label, change.unresolvedConflict == nil ? color(change.action) : .red) + change.path
                if let detail = detail(change, outcome: outcome) { lines += terminal.style("  (\(detail))", .dim) }
                lines += "\n"
                if showDiffs {
                    terminal.outRaw(lines)
                    lines = ""
                    printDiff(change)
                }
            }
            if !lines.isEmpty { terminal.outRaw(lines) }
        }
        let counts = Self.counts(plan).map { "\($0.count) \($0.label)" }
        let summary = counts.isEmpty ? "nothing to do" : counts.joined(separator: ", ")
        if withinPhaseStart {
            terminal.out((dryRun ? "scaffolds would be: " : "scaffolds: ") + summary)
            return
        }
        if dryRun {
            terminal.out("dry run, nothing written: " + summary)
        } else {
            terminal.out("scaffold: " + summary)
        }
        if ExitStatus.of(plan) == ExitStatus.failure {
            terminal.err("lab: some files need your attention: resolve them, then commit (they are listed above)")
        }
    }

    /// How many files the learner has to resolve.
    static func attentionCount(_ plan: ScaffoldPlan) -> Int {
        plan.scaffolds.reduce(0) { $0 + $1.files.count(where: \.needsAttention) }
    }

    private func isShown(_ action: ScaffoldPlan.Action) -> Bool {
        switch action {
        case .unchanged, .forget: terminal.verbose
        default: true
        }
    }

    private func color(_ action: ScaffoldPlan.Action) -> Terminal.Style {
        switch action {
        case .create, .merged, .update: .green
        case .conflict, .conflictBeside, .untracked: .red
        case .delete, .replace, .dropPlaceholder: .yellow
        case .keepYours, .keepEditedDropped, .staysDeleted: .cyan
        case .unchanged, .forget: .dim
        }
    }

    private func detail(_ change: ScaffoldPlan.FileChange, outcome: ScaffoldApplier.Outcome?) -> String? {
        if let line = change.unresolvedConflict {
            let merged = change.action == .merged ? "the template's new change merged in; " : ""
            return "\(merged)conflict markers from an earlier run still in it, from line \(line): resolve them"
        }
        // Only for the actions that name it: most lines have no detail at all.
        var beside: String { "the template's version is in \(change.besidePath)" }
        switch change.action {
        case .conflict(let regions):
            return "\(TextTable.count(regions, "conflict")) marked in the file"
        case .conflictBeside(.requested):
            return "yours untouched; \(beside)"
        case .conflictBeside(.binary):
            return "binary, never merged: yours untouched; \(beside)"
        case .conflictBeside(.missingBase):
            return "no merge base in .lab/base: yours untouched; \(beside)"
        case .untracked:
            return "not generated by lab: left alone; \(beside)"
        case .keepEditedDropped:
            return "no longer in the template, but edited: kept"
        case .staysDeleted:
            return "you deleted it"
        case .dropPlaceholder:
            return "an empty placeholder: the folder has files now"
        case .update where change.write == nil:
            return "mode"
        case .replace, .delete:
            guard change.backup else { return nil }
            if let folder = outcome?.backupFolder { return "yours backed up to \(folder)/\(change.path)" }
            return "yours backed up to .lab/backup/"
        default:
            return nil
        }
    }

    private func printDiff(_ change: ScaffoldPlan.FileChange) {
        let old = change.current
        var new = change.after
        var newLabel = "b/" + change.path
        if let beside = change.beside {
            new = beside
            newLabel = "b/" + change.besidePath
        }
        guard old != new else { return }
        let oldLabel = old == nil ? "/dev/null" : "a/" + change.path
        if new == nil { newLabel = "/dev/null" }
        if BinaryContent.isBinary(old ?? []) || BinaryContent.isBinary(new ?? []) {
            terminal.out("Binary files \(oldLabel) and \(newLabel) differ")
            return
        }
        let text = UnifiedDiff.make(old: old ?? [], new: new ?? [], oldLabel: oldLabel, newLabel: newLabel)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("+++") || line.hasPrefix("---") {
                terminal.out(terminal.style(String(line), .bold))
            } else if line.hasPrefix("+") {
                terminal.out(terminal.style(String(line), .green))
            } else if line.hasPrefix("-") {
                terminal.out(terminal.style(String(line), .red))
            } else if line.hasPrefix("@@") {
                terminal.out(terminal.style(String(line), .cyan))
            } else {
                terminal.out(String(line))
            }
        }
    }

    /// `--repair-lock`: what the lock was rebuilt from.
    func printRepairedLock(files: Int) {
        let verb = dryRun ? "would rebuild" : "rebuilt"
        terminal.out("\(verb) \(ScaffoldLock.path) from .lab/base/ (\(TextTable.count(files, "file")))")
    }

    /// A short label for plan listings.
    static func label(_ action: ScaffoldPlan.Action) -> String {
        switch action {
        case .create: "create"
        case .update: "update"
        case .unchanged: "unchanged"
        case .keepYours: "keep yours"
        case .merged: "merge"
        case .conflict, .conflictBeside: "conflict"
        case .delete, .dropPlaceholder: "delete"
        case .staysDeleted: "stays deleted"
        case .keepEditedDropped: "keep edited"
        case .untracked: "not ours"
        case .replace: "replace"
        case .forget: "forget"
        }
    }

    /// How many files each action applies to, in a fixed order, zeros left out: `3 created`,
    /// `1 conflict`, `2 conflicts`.
    static func counts(_ plan: ScaffoldPlan) -> [(label: String, count: Int)] {
        let order: [(String, (ScaffoldPlan.Action) -> Bool)] = [
            ("created", { $0 == .create }),
            ("updated", { $0 == .update }),
            ("merged", { $0 == .merged }),
            ("conflict", { if case .conflict = $0 { true } else if case .conflictBeside = $0 { true } else { false } }),
            ("kept yours", { $0 == .keepYours }),
            ("replaced", { $0 == .replace }),
            ("deleted", { $0 == .delete || $0 == .dropPlaceholder }),
            ("stayed deleted", { $0 == .staysDeleted }),
            ("kept edited", { $0 == .keepEditedDropped }),
            ("not ours", { $0 == .untracked }),
            ("unchanged", { $0 == .unchanged }),
        ]
        // One pass over the changes, in place: a plan can hold thousands.
        var counts = [Int](repeating: 0, count: order.count)
        var unresolved = 0
        for scaffold in plan.scaffolds {
            for change in scaffold.files {
                if change.unresolvedConflict != nil {
                    unresolved += 1
                } else if let index = order.firstIndex(where: { $0.1(change.action) }) {
                    counts[index] += 1
                }
            }
        }
        return order.indices.compactMap { index in
            let (label, count) = (order[index].0, counts[index])
            return count == 0 ? nil : (label == "conflict" && count > 1 ? "conflicts" : label, count)
        } + (unresolved == 0 ? [] : [("unresolved", unresolved)])
    }
}
