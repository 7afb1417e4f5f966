import Foundation
import LabSpec

/// `lab status`: each phase's progress and the next exercise.
public enum StatusQuery {
    public static func run(_ location: LabLocation, now: Date = Date()) throws(LabError) -> StatusReport {
        let (files, outline) = try location.openOutline()
        var report = StatusReport.make(files: files, outline: outline)
        report.reviewsDue = ReviewWorkflow.dueCount(files: files, outline: outline, now: now)
        return report
    }
}
