import LabKit
import LabSpec

/// `lab phase start` and `lab phase finish`: what changes (or would), and what to do next.
struct PhasePrinter {
    let terminal: Terminal

    /// What starting the phase will change, shown before anything is written.
    func printPlan(_ result: PhaseWorkflow.StartResult, dryRun: Bool) {
        let plan = result.plan
        for note in plan.notes { terminal.note(note) }
        var diagnostics = DiagnosticPrinter(terminal: terminal)
        diagnostics.sources[result.project.loaded.source.path] = result.project.loaded.source
        diagnostics.print(plan.warnings)
        if plan.scaffolds?.isBlocked == true || plan.changesNothing { return }
        describe(plan, labFile: result.project.displayName, readme: result.lab.paths.readme, dryRun: dryRun)
    }

    /// What starting the phase did, after `printPlan`; returns the exit status.
    func printStart(_ result: PhaseWorkflow.StartResult, dryRun: Bool) -> Int32 {
        let plan = result.plan
        let id = plan.phase.id
        var scaffolds = ScaffoldPlanPrinter(terminal: terminal, labSource: result.project.loaded.source, dryRun: dryRun, showDiffs: false)
        if let blocked = plan.scaffolds, blocked.isBlocked {
            scaffolds.print(blocked, outcome: nil)
            terminal.error("phase \(id) was not started")
            return ExitStatus.of(blocked)
        }
        if plan.changesNothing {
            terminal.out("phase \(id) is already started; nothing to change")
            return ExitStatus.success
        }
        scaffolds.withinPhaseStart = true
        if let plan = plan.scaffolds { scaffolds.print(plan, outcome: dryRun ? nil : result.scaffoldOutcome) }
        if dryRun {
            terminal.out(terminal.style("dry run: nothing was written", .dim))
            return ExitStatus.success
        }
        for warning in result.warnings { terminal.warning(warning) }
        let done: String
        if plan.labFile != nil {
            done = "phase \(id) started"
        } else {
            // Already in progress: say what was missing and is now written.
            var written: [String] = []
            switch plan.document {
            case .create: written.append("created its document \(plan.phase.doc)")
            case .complete(let completion): written.append("added \(TextTable.count(completion.lines.count, "item")) to \(plan.phase.doc)")
            case .unchanged: break
            }
            if case .update = plan.readme { written.append("updated the phase table of \(result.lab.paths.readme)") }
            if plan.scaffolds?.hasWrites == true { written.append("rendered its scaffolds") }
            done = "phase \(id) was already in progress; " + written.joined(separator: ", ")
        }
        terminal.out(terminal.style(done, .bold, .green) + " — next: lab status")
        let attention = plan.scaffolds.map(ScaffoldPlanPrinter.attentionCount) ?? 0
        if attention > 0 {
            terminal.warning(
                "\(attention == 1 ? "1 file" : "\(attention) files") of its scaffolds \(attention == 1 ? "needs" : "need") your attention "
                    + "(listed above): resolve \(attention == 1 ? "it" : "them"), then commit; exit status 1")
        }
        return plan.scaffolds.map(ExitStatus.of) ?? ExitStatus.success
    }

    private func describe(_ plan: PhaseStartPlan, labFile: String, readme: String, dryRun: Bool) {
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
            terminal.out("\(verb)set \(labFile):\(change.line):")
            if !change.before.isEmpty { terminal.out(terminal.style("  - \(change.before)", .red)) }
            terminal.out(terminal.style("  + \(change.after)", .green))
        }
        switch plan.readme {
        case .update(let diff, _, _):
            terminal.out("\(verb)update the phase table of \(readme):")
            for line in diff.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                let style: Terminal.Style? = line.hasPrefix("+") ? .green : line.hasPrefix("-") ? .red : nil
                terminal.out("  " + (style.map { terminal.style(String(line), $0) } ?? String(line)))
            }
        case .unchanged:
            break
        case .missingMarkers:
            terminal.note("\(readme) has no phase table markers, so it was left alone; add a line '\(ReadmeTable.startMarker)' and a line '\(ReadmeTable.endMarker)' where the table belongs")
        case .missingFile:
            terminal.note("there is no \(readme), so there is no phase table to update")
        }
    }

    /// Prints a finish and returns its exit status.
    func printFinish(_ result: PhaseWorkflow.FinishResult, force: Bool) -> Int32 {
        switch result {
        case .refused(let plan):
            let id = plan.phase.id
            if plan.documentMissing {
                terminal.error("phase \(id) has no document ('\(plan.phase.doc)'); start it with 'lab phase start \(id)', or use --force")
            } else {
                terminal.error("phase \(id) still has \(TextTable.count(plan.unticked.count, "unticked item")) in \(plan.phase.doc):")
                for item in plan.unticked { terminal.err("  \(plan.phase.doc):\(item.line)  [ ] \(item.text)") }
                terminal.err("tick them ('lab check' for exercises with a check, 'lab mark ID' for manual ones) or finish anyway with --force")
            }
            return ExitStatus.failure
        case .alreadyDone(let plan):
            terminal.out("phase \(plan.phase.id) is already done")
            return ExitStatus.success
        case .finished(let plan, let next, let readme):
            if case .missingMarkers = plan.readme {
                terminal.note("\(readme) has no phase table markers, so it was left alone")
            }
            terminal.out(terminal.style("phase \(plan.phase.id) done", .bold, .green) + (force && !plan.unticked.isEmpty ? " (with \(plan.unticked.count) unticked items)" : ""))
            if !next.inProgress.isEmpty {
                let phases = next.inProgress.map { "phase \($0)" }.joined(separator: ", ")
                terminal.out("next: lab status (\(phases) \(next.inProgress.count == 1 ? "is" : "are") in progress)")
            } else if let pending = next.pending {
                terminal.out("next: lab phase start \(pending)")
            }
            return ExitStatus.success
        }
    }
}
