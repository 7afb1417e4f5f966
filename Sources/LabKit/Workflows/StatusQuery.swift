import Foundation
import LabSpec

/// `lab status`: each phase's progress and the next exercise.
public enum StatusQuery {
    public static func run(_ location: LabLocation, now: Date = Date()) throws(LabError) -> StatusReport {
        let (project, lab) = try location.openLab()
        var report = StatusReport.make(project: project, lab: lab)
        report.reviewsDue = ReviewWorkflow.dueCount(project: project, lab: lab, now: now)
        return report
    }
}
