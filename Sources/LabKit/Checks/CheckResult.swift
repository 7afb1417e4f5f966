import Foundation

/// Everything a `lab check` run found, in lab order: the result of the run, as the results of its
/// exercises are of their steps.
public struct CheckResult: Sendable {
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
    /// `--strict`: a skipped exercise fails the run.
    public var strict: Bool

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
        self.strict = false
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
        public var notRun = 0
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
            case .notRun: summary.notRun += 1
            }
        }
        return summary
    }

    public var hasFailures: Bool { results.contains { $0.status.isFailure } }

    /// Whether the run fails (exit status 1): a check failed, or with `strict` one was skipped.
    public var failsRun: Bool { hasFailures || (strict && results.contains { $0.status == .skipped }) }

    /// The programs whose absence skipped exercises, each once, in the order of the results.
    public var missingPrograms: [String] {
        var seen: Set<String> = []
        return results.flatMap(\.missingPrograms).filter { seen.insert($0).inserted }
    }

    /// The exercises that were running when the run stopped.
    public var stoppedWhileRunning: [String] { results.filter(\.wasRunning).map(\.id) }
}
