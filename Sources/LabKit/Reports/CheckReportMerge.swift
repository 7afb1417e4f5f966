import Foundation

/// The reports of the shards of one `lab check` (`--shard I/N`) combined into the report of the
/// whole run: every result once, in the lab's order, the ticks and regressions of all shards.
public enum CheckReportMerge {
    /// `reports` (each with the path it came from, for errors) as one. `order` is the lab's
    /// exercise ids in lab order, when the lab is known; otherwise results are ordered by phase,
    /// then as the reports list them.
    public static func merge(_ reports: [(path: String, report: CheckResult)], order: [String]?) throws(LabError) -> CheckResult {
        guard let first = reports.first else { throw .message("no report to merge") }
        for (path, report) in reports.dropFirst() where report.lab != first.report.lab {
            throw .message("'\(path)' is a report of the lab '\(report.lab)', and '\(first.path)' of '\(first.report.lab)': merge the shards of one run")
        }
        var seen: [String: String] = [:]
        var entries: [(result: ExerciseResult, sequence: Int)] = []
        for (path, report) in reports {
            for result in report.results {
                if let other = seen[result.id] {
                    throw .message("'\(result.id)' is in both '\(other)' and '\(path)': give each shard's report once")
                }
                seen[result.id] = path
                entries.append((result, entries.count))
            }
        }
        let position = Dictionary(uniqueKeysWithValues: (order ?? []).enumerated().map { ($1, $0) })
        entries.sort { a, b in
            switch (position[a.result.id], position[b.result.id]) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil):
                return (a.result.phase, a.sequence) < (b.result.phase, b.sequence)
            }
        }

        let started = reports.map(\.report.started).min() ?? first.report.started
        let ended = reports.map { $0.report.started.addingTimeInterval($0.report.duration) }.max() ?? started
        var merged = CheckResult(lab: first.report.lab, started: started, duration: ended.timeIntervalSince(started))
        merged.results = entries.map(\.result)
        merged.interrupted = reports.contains { $0.report.interrupted }
        merged.strict = reports.contains { $0.report.strict }
        // A warning about a document shared by shards (one without an item, say) comes once.
        var seenWarnings: Set<String> = []
        merged.warnings = reports.flatMap(\.report.warnings).filter { seenWarnings.insert($0).inserted }
        let ticked = merged.results.filter(\.ticked)
        if ticked.allSatisfy({ $0.item?.line != nil }) {
            // Each shard ticked in its own checkout; in the lab's order, as one run would have.
            merged.ticked = ticked.compactMap { $0.item?.description }
        } else {
            merged.ticked = reports.flatMap(\.report.ticked)
        }
        merged.tickedDocuments = CheckResult.documents(of: merged.ticked)
        merged.regressions = merged.results.filter(\.regression).map(\.id)
        return merged
    }
}
