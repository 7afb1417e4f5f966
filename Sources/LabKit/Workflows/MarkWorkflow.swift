import LabSpec

/// `lab mark ID… [--undo] [--force]`: ticks or unticks exercises' items by hand, under the lab
/// lock; each tick recorded in the journal, then the README's phase table and the lab's pictures
/// redrawn. An exercise with a check is ticked by its check (`lab check`), so ticking it by hand
/// needs `force`; `lab mark` itself never runs anything.
public enum MarkWorkflow {
    public struct Request: Sendable {
        public var location: LabLocation
        public var ids: [String]
        public var checked: Bool
        /// Tick exercises that have a check, too.
        public var force: Bool

        public init(location: LabLocation, ids: [String], checked: Bool, force: Bool = false) {
            self.location = location
            self.ids = ids
            self.checked = checked
            self.force = force
        }
    }

    public enum Result: Sendable {
        case marked([ItemTicker.Outcome])
        /// Exercises with a check, to be ticked without `force`: nothing was changed.
        case haveChecks([Exercise])
    }

    /// `warning` receives what could not be recorded or redrawn once the items are set.
    public static func run(_ request: Request, warning: (String) -> Void = { _ in }) throws(LabError) -> Result {
        let (project, lab) = try request.location.openLab()
        // Unknown ids are reported before anything else, `.lab/` untouched; the documents are
        // read again under the lock.
        let exercises = try ItemTicker.exercises(request.ids, in: lab)
        let checked = exercises.filter { !$0.isManual }
        if request.checked && !request.force && !checked.isEmpty { return .haveChecks(checked) }
        try ProgressRefresh.checkPaths(lab, project: project)
        let lock = try project.lock()
        var journal: JournalRecording? = JournalRecording(files: project.files, root: project.root.path, lock: lock)
        let outcomes = try ItemTicker.set(exercises, checked: request.checked, project: project, lab: lab, holding: lock, journal: &journal)
        let (current, currentLab) = request.location.current(project, lab)
        for message in (journal?.warnings ?? []) + ProgressRefresh.run(project: current, lab: currentLab, readme: true, holding: lock) {
            warning(message)
        }
        return .marked(outcomes)
    }
}
