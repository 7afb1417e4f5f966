import Foundation

/// Everything a `lab check` run found, in lab order, ready for any output format.
public struct CheckReport: Sendable {
    public var lab: String
    public var started: Date
    public var duration: Double
    public var results: [ExerciseResult]
    /// Items ticked by this run, as `DOC:LINE`.
    public var ticked: [String]
    /// Ids of exercises whose item was ticked before and whose check now fails.
    public var regressions: [String]
    /// Documents in which items were ticked, with how many.
    public var tickedDocuments: [(path: String, count: Int)]
    public var warnings: [String]
    public var interrupted: Bool

    public init(lab: String, started: Date, duration: Double = 0, results: [ExerciseResult] = []) {
        self.lab = lab
        self.started = started
        self.duration = duration
        self.results = results
        self.ticked = []
        self.regressions = []
        self.tickedDocuments = []
        self.warnings = []
        self.interrupted = false
    }

    /// Counts per kind of result; `passed` includes those up to date.
    public struct Summary: Sendable, Equatable {
        public var total = 0
        public var passed = 0
        public var upToDate = 0
        public var failed = 0
        public var timedOut = 0
        public var errors = 0
        public var skipped = 0
        public var manual = 0
    }

    public var summary: Summary {
        var summary = Summary()
        for result in results {
            summary.total += 1
            switch result.status {
            case .passed: summary.passed += 1
            case .upToDate: summary.passed += 1; summary.upToDate += 1
            case .failed: summary.failed += 1
            case .timedOut: summary.timedOut += 1
            case .error: summary.errors += 1
            case .skipped: summary.skipped += 1
            case .manual: summary.manual += 1
            }
        }
        return summary
    }

    public var hasFailures: Bool { results.contains { $0.status.isFailure } }

    /// `12 checks: 9 passed (3 up to date), 1 failed, 2 skipped · ticked 2 items in docs/phases/phase-01.md · 0.84s`
    public var summaryLine: String {
        let counts = summary
        var parts = ["\(counts.passed) passed" + (counts.upToDate > 0 ? " (\(counts.upToDate) up to date)" : "")]
        if counts.failed > 0 { parts.append("\(counts.failed) failed") }
        if counts.timedOut > 0 { parts.append("\(counts.timedOut) timed out") }
        if counts.errors > 0 { parts.append(plural(counts.errors, "error")) }
        if counts.skipped > 0 { parts.append("\(counts.skipped) skipped") }
        if counts.manual > 0 { parts.append("\(counts.manual) manual") }
        var line = "\(plural(counts.total, "check")): " + parts.joined(separator: ", ")
        if !tickedDocuments.isEmpty {
            line += " · ticked " + tickedDocuments.map { "\(plural($0.count, "item")) in \($0.path)" }.joined(separator: ", ")
        }
        if !regressions.isEmpty { line += " · \(plural(regressions.count, "regression"))" }
        line += " · " + FixedDecimal.seconds(duration)
        if interrupted { line += " · interrupted" }
        return line
    }
}
