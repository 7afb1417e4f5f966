import LabSpec

/// What one verification step did: its kind, what it ran or looked at, what it expected, how it
/// ended, its output tails, and why it failed.
public struct StepResult: Sendable, Equatable {
    public typealias Kind = Step.Kind

    public var kind: Kind
    /// The command of a `run` step; for the other kinds, what the step looks at in words
    /// (`GET http://127.0.0.1:8080/health`, `file devops/scripts/graceful.sh`).
    public var command: String
    /// What the step expects, in words (`status 200, body contains "ok"`).
    public var expectation: String
    public var exit: Int32?
    public var signal: Int32?
    /// The response status of an `http` step.
    public var status: Int?
    public var duration: Double
    public var stdout: String
    public var stderr: String
    /// Bytes each stream printed in all; more than the tail when it was cut.
    public var stdoutBytes: Int
    public var stderrBytes: Int
    /// The start of an `http` step's response body.
    public var body: String
    public var passed: Bool
    /// Why the step failed, e.g. `exit 1 (expected 0)`; nil when it passed.
    public var message: String?
    public var attempts: Int
    public var timedOut: Bool
    /// The learner's file the step looked at, when it exists (a `file` step): where a failure
    /// is best pointed at.
    public var location: FilePosition?

    public init(
        kind: Kind, command: String, expectation: String = "", exit: Int32? = nil, signal: Int32? = nil, status: Int? = nil,
        duration: Double = 0, stdout: String = "", stderr: String = "", stdoutBytes: Int = 0, stderrBytes: Int = 0, body: String = "",
        passed: Bool, message: String? = nil, attempts: Int = 1, timedOut: Bool = false
    ) {
        self.kind = kind
        self.command = command
        self.expectation = expectation
        self.exit = exit
        self.signal = signal
        self.status = status
        self.duration = duration
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutBytes = stdoutBytes
        self.stderrBytes = stderrBytes
        self.body = body
        self.passed = passed
        self.message = message
        self.attempts = attempts
        self.timedOut = timedOut
    }
}
