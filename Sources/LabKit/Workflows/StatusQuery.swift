import LabSpec

/// `lab status`: each phase's progress and the next exercise.
public enum StatusQuery {
    public static func run(_ location: LabLocation) throws(LabError) -> StatusReport {
        let (project, lab) = try location.openLab()
        return StatusReport.make(project: project, lab: lab)
    }
}
