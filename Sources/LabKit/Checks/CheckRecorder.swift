import LabRuntime
import Foundation
import LabSpec

/// What a `lab check` run leaves behind once its exercises have finished: the items of passed
/// exercises ticked, regressions (items whose check passed before and now fails) spotted, passes,
/// regressions and ticks added to the journal, and the state saved — all under the lab lock, which
/// the caller holds.
public enum CheckRecorder {
    /// Ticks, regressions and state for finished results. Problems that stop a tick (a read-only
    /// document, a lock that cannot be taken) come back in `errors`; nothing is half written.
    public static func record(
        _ results: [ExerciseResult], prepared: CheckPreparation, project: LabProject, lab: Lab,
        started: Date, duration: Double, mark: Bool, interrupted: Bool, recordedAt: Date? = nil, holding lock: LabLock
    ) -> (report: CheckResult, errors: [String]) {
        var report = CheckResult(lab: lab.name, started: started, duration: duration, results: results)
        report.interrupted = interrupted
        var errors: [String] = []

        // Read the state again unless it is the file the plan was made from: another `lab check`
        // may have recorded its results meanwhile.
        let currentStamp = FileSystem.stamp(project.path(StateStore.path))
        let stored = currentStamp != nil && currentStamp == prepared.stateStamp ? prepared.state : StateStore.load(files: project.files).state

        let store = ChecklistStore(files: project.files)
        var positions: [String: Int] = [:]
        for (index, result) in results.enumerated() { positions[result.id] = index }
        var journal = JournalRecording(files: project.files, root: project.root.path, lock: lock, now: recordedAt ?? Date())
        // The exercises the journal has a pass of, read from it once and only if a ticked item's
        // check fails: asking the journal per failure would read it whole each time.
        var passedInJournal: [String: JournalEvent.Kind]?
        func journalHasPass(_ id: String) -> Bool {
            if passedInJournal == nil { passedInJournal = journal.current().latestKinds([.passed]) }
            return passedInJournal?[id] != nil
        }
        for phase in lab.phases {
            let concerned = results.filter { $0.phase == phase.id }
            guard !concerned.isEmpty else { continue }
            // A document is written again only when an item changes: clean up after killed writes anyway.
            if let path = try? project.files.resolve(phase.doc) { AtomicFile.removeLeftovers(of: path) }
            let document: ChecklistDocument?
            do {
                document = try store.load(phase.doc)
            } catch {
                // Nothing of this phase is recorded: a later run that can read the document will.
                errors.append(String(describing: error))
                continue
            }
            var changes: [ChecklistStore.Change] = []
            var regressions: Set<String> = []
            if let document {
                for result in concerned {
                    guard let item = document.item(forExercise: result.id, title: result.title) else {
                        report.warnings.append("'\(phase.doc)' has no checklist item for '\(result.id)' (add '- [ ] \(result.title) <!-- lab:\(result.id) -->')")
                        continue
                    }
                    if let index = positions[result.id] { report.results[index].item = FilePosition(path: phase.doc, line: item.line) }
                    // A regression is an item whose check passed once and now fails; an item ticked
                    // by hand (`lab mark --force`) whose check never passed has not regressed. The
                    // state knows this machine's passes, the journal every one it has recorded.
                    if result.status.isFailure && item.isChecked, let index = positions[result.id],
                        stored.exercises[result.id]?.hasPassed == true || journalHasPass(result.id)
                    {
                        report.results[index].regression = true
                        report.regressions.append(result.id)
                        regressions.insert(result.id)
                    }
                    if mark && result.status.isSuccess && !item.isChecked, result.status != .manual {
                        changes.append(ChecklistStore.Change(exercise: result.id, title: result.title, checked: true))
                    }
                }
            } else {
                report.warnings.append("phase \(phase.id)'s document '\(phase.doc)' does not exist, so nothing is ticked (write it with 'lab phase start \(phase.id)')")
            }

            // The journal first: a kill between the two loses no event, and the next run, which
            // makes the tick, finds it recorded and does not record it twice.
            let appended = journal.record(concerned, ticking: changes, regressions: regressions)
            guard !changes.isEmpty else { continue }
            do {
                let applied = try store.apply(changes, to: phase.doc, holding: lock)
                var count = 0
                for change in applied where change.changed {
                    count += 1
                    report.ticked.append("\(phase.doc):\(change.line ?? 0)")
                    if let index = positions[change.exercise] { report.results[index].ticked = true }
                }
                if count > 0 { report.tickedDocuments.append((phase.doc, count)) }
            } catch {
                // What was not done is not in the journal either.
                journal.undo(appended)
                errors.append("cannot tick \(changes.map { "'\($0.exercise)'" }.joined(separator: ", ")): \(error)")
            }
        }

        var state = stored
        for result in results {
            switch result.status {
            case .passed, .failed, .timedOut, .error:
                state.exercises[result.id] = LabState.Record(
                    result: result.status, at: started, duration: result.duration,
                    fingerprint: result.status == .passed ? result.fingerprint : nil,
                    passedAt: result.status == .passed ? started : stored.exercises[result.id]?.passedAt)
            case .upToDate, .skipped, .manual, .notRun:
                break
            }
        }
        // The stamps recorded anew; the others are in the state already. A run where everything
        // was up to date changes nothing worth a write (and comparing thousands of stamps to
        // find that out would cost more than the rest of such a run).
        state.files.merge(prepared.stamps)
        if state.exercises != stored.exercises || !prepared.stamps.isEmpty || prepared.stateOutdated {
            do {
                try StateStore.save(state, files: project.files, holding: lock)
            } catch {
                report.warnings.append("cannot save the results in \(StateStore.path): \(error)")
            }
        }
        report.warnings += journal.warnings
        return (report, errors)
    }
}
