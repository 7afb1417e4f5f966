import LabSpec

/// `lab mark ID… [--undo]`: ticks or unticks exercises' items by hand, under the lab lock.
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

    public static func run(_ request: Request) throws(LabError) -> [ItemTicker.Outcome] {
        let (project, lab) = try request.location.openLab()
        // Unknown ids are reported before anything else, `.lab/` untouched; the documents are
        // read again under the lock.
        let exercises = try ItemTicker.exercises(request.ids, in: lab)
        let lock = try project.lock()
        return try ItemTicker.set(exercises, checked: request.checked, project: project, lab: lab, holding: lock)
    }
}
