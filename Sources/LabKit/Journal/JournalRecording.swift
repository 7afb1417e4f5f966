import Foundation
import LabRuntime

/// The journal as one command adds to it, under the lab lock: read once, appended batch by batch
/// — each batch before the writes it records, so that a kill between the two loses no event — and
/// a batch taken back when what it records then fails to happen. A journal that cannot be read
/// or written is a warning (in `warnings`), and the command goes on without it.
struct JournalRecording {
    let files: ContainedRoot
    /// The lab root, where the git repository whose `HEAD` check events name is looked for.
    let root: String
    let lock: LabLock
    /// The time of every event this command records.
    let now: Date
    private(set) var warnings: [String] = []
    private var journal: Journal?
    private var usable = true
    private var read = false
    private var commit: String??

    init(files: ContainedRoot, root: String, lock: LabLock, now: Date = Date()) {
        self.files = files
        self.root = root
        self.lock = lock
        self.now = now
    }

    /// The journal as it stands, this command's appends included.
    mutating func current() -> Journal {
        if let journal { return journal }
        let loaded = JournalStore.load(files: files)
        if !read { warnings += loaded.warnings }
        read = true
        // Not readable (a folder, a FIFO, no permission): left alone, not appended to.
        if !loaded.exists && !loaded.warnings.isEmpty { usable = false }
        journal = loaded
        return loaded
    }

    /// Records a check's results of one phase and the ticks about to be made in its document:
    /// passes and regressions (see `Journal.checkEvent`; `regressions` are the exercises the run
    /// reports as regressed), then ticks.
    mutating func record(
        _ results: [ExerciseResult], ticking changes: [ChecklistStore.Change], regressions: Set<String>
    ) -> JournalStore.Appended? {
        let verified = results.filter { $0.status == .passed || $0.status.isFailure }
        guard !verified.isEmpty || !changes.isEmpty else { return nil }
        let journal = current()
        var events: [JournalEvent] = []
        let lastCheck = verified.isEmpty ? [:] : journal.latestKinds(Journal.checkKinds)
        for result in verified {
            if let event = Journal.checkEvent(
                exercise: result.id, phase: result.phase, last: lastCheck[result.id], passed: result.status == .passed,
                failed: result.status.isFailure, reportedRegression: regressions.contains(result.id), duration: result.duration,
                commit: headCommit(), at: now)
            {
                events.append(event)
            }
        }
        let phases = Dictionary(results.map { ($0.id, $0.phase) }, uniquingKeysWith: { first, _ in first })
        for change in changes {
            if let event = journal.tickEvent(exercise: change.exercise, phase: phases[change.exercise] ?? 0, checked: change.checked, at: now) {
                events.append(event)
            }
        }
        return append(events)
    }

    /// Appends `events` as one batch; nil when there are none or the journal cannot take them.
    mutating func append(_ events: [JournalEvent]) -> JournalStore.Appended? {
        guard !events.isEmpty else { return nil }
        _ = current()
        guard usable else { return nil }
        do {
            let appended = try JournalStore.append(events, files: files, holding: lock)
            journal?.events += events
            return appended
        } catch {
            usable = false
            warnings.append("cannot record in the journal: \(error)")
            return nil
        }
    }

    /// Takes a batch back (what it recorded did not happen).
    mutating func undo(_ appended: JournalStore.Appended?) {
        guard let appended else { return }
        do {
            try appended.undo()
            journal = nil
        } catch {
            usable = false
            warnings.append("cannot take back what the journal recorded: \(error)")
        }
    }

    private mutating func headCommit() -> String? {
        if let commit { return commit }
        let found = GitHead.shortCommit(root: root)
        commit = .some(found)
        return found
    }
}
