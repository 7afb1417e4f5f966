import LabSpec

/// `lab mark ID… [--undo]`: ticks or unticks exercises' items by hand, under the lab lock; each
/// tick recorded in the journal, then the README's phase table and the lab's pictures redrawn.
public enum MarkWorkflow {
    public struct Request: Sendable {
        public var location: LabLocation
        public var ids: [String]
        public var checked: Bool

        public init(location: LabLocation, ids: [String], checked: Bool) {
            self.location = location
            self.ids = ids
            self.checked = checked
        }
    }

    /// `warning` receives what could not be recorded or redrawn once the items are set.
    public static func run(_ request: Request, warning: (String) -> Void = { _ in }) throws(LabError) -> [ItemTicker.Outcome] {
        let (project, lab) = try request.location.openLab()
        // Unknown ids are reported before anything else, `.lab/` untouched; the documents are
        // read again under the lock.
        let exercises = try ItemTicker.exercises(request.ids, in: lab)
        try ProgressRefresh.checkPaths(lab, project: project)
        let lock = try project.lock()
        var journal: JournalRecording? = JournalRecording(files: project.files, root: project.root.path, lock: lock)
        let outcomes = try ItemTicker.set(exercises, checked: request.checked, project: project, lab: lab, holding: lock, journal: &journal)
        let (current, currentLab) = request.location.current(project, lab)
        for message in (journal?.warnings ?? []) + ProgressRefresh.run(project: current, lab: currentLab, readme: true, holding: lock) {
            warning(message)
        }
        return outcomes
    }
}
