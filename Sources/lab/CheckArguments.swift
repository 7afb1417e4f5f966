import ArgumentParser
import LabKit

/// What `lab check` was asked, as `Check` parsed it or `QuickCommandLine` read it.
struct CheckArguments: Equatable {
    var targets: [String] = []
    var all = false
    var jobs: Int?
    var force = false
    var noMark = false
    var failFast = false
    var dryRun = false
    var format: CheckReportFormat?
    var output: String?
    var watch = false
    var strict = false
    var shard: String?
    var durations: String?

    /// The workflow's request for the lab at `location`; LAB_STRICT counts as --strict.
    func request(at location: LabLocation, launched: ContinuousClock.Instant) throws -> CheckWorkflow.Request {
        let reportFile = output.map {
            CheckWorkflow.ReportFile(path: $0, render: (CheckReportFormat.report(format: format, output: $0) ?? .json).renderer)
        }
        return CheckWorkflow.Request(
            location: location, targets: targets, all: all, jobs: jobs, force: force, mark: !noMark, failFast: failFast,
            dryRun: dryRun, watch: watch, strict: try strict || StrictEnvironment.value(),
            shard: try shard.map { try CheckShard(parsing: $0) }, durationsFile: durations, reportFile: reportFile,
            launched: launched)
    }

    /// The combinations that make no sense, reported as usage errors.
    func validate() throws {
        if let output, CheckReportFormat.report(format: format, output: output) == nil {
            throw ValidationError("--output needs --format json, junit, tap or markdown (or a FILE ending in .json, .xml, .tap or .md).")
        }
        if watch && dryRun {
            throw ValidationError("--watch reruns checks, which --dry-run never runs: give one of the two.")
        }
        if watch && format?.isReport == true && output == nil {
            throw ValidationError("--watch shows the text view; use --output FILE for a report.")
        }
        if let shard {
            do { _ = try CheckShard(parsing: shard) } catch { throw ValidationError("--shard: \(error)") }
        } else if durations != nil {
            throw ValidationError("--durations balances shards: give --shard I/N too.")
        }
        _ = try StrictEnvironment.value()
    }
}
