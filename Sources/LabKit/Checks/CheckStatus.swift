/// The outcome of one exercise in a `lab check` run.
public enum CheckStatus: String, Sendable, Equatable, Codable, CaseIterable {
    case passed
    case failed
    case timedOut = "timed_out"
    case skipped
    case upToDate = "up_to_date"
    case manual
    /// A step could not even start (a missing shell, an unusable folder).
    case error
    /// The run stopped before the exercise finished (Ctrl-C, `--fail-fast`): the reason says why.
    case notRun = "not_run"

    /// Passed now, or passed before with nothing changed since.
    public var isSuccess: Bool { self == .passed || self == .upToDate }
    /// Counts against the run: exit status 1.
    public var isFailure: Bool { self == .failed || self == .timedOut || self == .error }
}
