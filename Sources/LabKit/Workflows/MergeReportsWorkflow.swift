import Foundation
import LabRuntime
import LabSpec

/// `lab merge-reports`: reads the JSON reports of `lab check --shard I/N` runs, combines them into
/// the report of the whole run, and writes it to the report file if asked. The lab, when one is
/// found, gives the order of the results and the phases' titles; the reports alone suffice.
/// Nothing is run and nothing of the lab is written, so the lab lock is not taken.
public enum MergeReportsWorkflow {
    public struct Request: Sendable {
        public var location: LabLocation
        /// The reports, relative to the working folder or absolute.
        public var files: [String]
        /// A skipped exercise fails the merged run, whether or not the shards ran with `--strict`.
        public var strict: Bool
        public var reportFile: CheckWorkflow.ReportFile?

        public init(location: LabLocation, files: [String], strict: Bool = false, reportFile: CheckWorkflow.ReportFile? = nil) {
            self.location = location
            self.files = files
            self.strict = strict
            self.reportFile = reportFile
        }
    }

    public struct Result: Sendable {
        public var report: CheckResult
        /// The lab the reports are of, when one was found and is valid.
        public var lab: Lab?
        /// Why the lab was not used, and the like.
        public var warnings: [String]
        /// What could not be written (the report file).
        public var errors: [String]
    }

    public static func run(_ request: Request) throws(LabError) -> Result {
        var reports: [(path: String, report: CheckResult)] = []
        var given: Set<String> = []
        for file in request.files where !given.insert(file).inserted {
            throw .message("'\(file)' is given twice: give each shard's report once")
        }
        for file in request.files {
            reports.append((file, try CheckReportFile.read(file, from: request.location.workingDirectory)))
        }
        var warnings: [String] = []
        var lab: Lab?
        var project: LabProject?
        do {
            (project, lab) = try request.location.openLab()
        } catch {
            switch error {
            case .notFound: break
            case .invalidLab: warnings.append("\(error.description): the reports are merged in their own order")
            default: warnings.append("\(error): the reports are merged in their own order")
            }
        }
        if let found = lab, let first = reports.first, found.name != first.report.lab {
            warnings.append("the reports are of the lab '\(first.report.lab)', not of '\(found.name)' found here: merged in their own order")
            lab = nil
        }
        var report = try CheckReportMerge.merge(reports, order: lab?.exercises.map(\.id))
        report.strict = report.strict || request.strict
        var errors: [String] = []
        if let file = request.reportFile {
            let url = file.path.hasPrefix("/") ? URL(fileURLWithPath: file.path) : request.location.workingDirectory.appending(path: file.path)
            do {
                var path = ResolvedPath.chosenByUser(url.path, display: file.path)
                if let project { path = try project.files.resolveChosen(url.path, display: file.path) }
                try AtomicFile.write(Array(file.render(report, lab ?? Lab(name: report.lab, phases: [])).utf8), to: path)
            } catch {
                errors.append(error.description)
            }
        }
        return Result(report: report, lab: lab, warnings: warnings, errors: errors)
    }
}
