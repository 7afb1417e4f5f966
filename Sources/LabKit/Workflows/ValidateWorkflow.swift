import LabSpec

/// `lab validate`: every diagnostic of `lab.yml`, its templates and its phase documents.
public enum ValidateWorkflow {
    public static func run(_ location: LabLocation) throws(LabError) -> ValidationReport {
        // Nothing here edits lab.yml: a large one is decoded as it is read.
        let project = try location.openProject(exercisesAsRead: true)
        var report = LabValidator.validate(project)
        report.sources.insert(project.loaded.source, at: 0)
        return report
    }
}
