import LabSpec

/// `lab validate`: every diagnostic of `lab.yml`, its templates and its phase documents.
public enum ValidateWorkflow {
    public static func run(_ location: LabLocation) throws(LabError) -> ValidationReport {
        let project = try location.openProject()
        var report = LabValidator.validate(project)
        report.sources.insert(project.loaded.source, at: 0)
        return report
    }
}
