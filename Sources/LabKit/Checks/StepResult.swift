/// What one verification step did: its command, how it ended, its output tails, and why it failed.
public struct StepResult: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case run, file }

    public var kind: Kind
    /// The command of a `run` step, or a description of a `file` step.
    public var command: String
    public var exit: Int32?
    public var signal: Int32?
    public var duration: Double
    public var stdout: String
    public var stderr: String
    /// Bytes each stream printed in all; more than the tail when it was cut.
    public var stdoutBytes: Int
    public var stderrBytes: Int
    public var passed: Bool
    /// Why the step failed, e.g. `exit 1 (expected 0)`; nil when it passed.
    public var message: String?
    public var attempts: Int
    public var timedOut: Bool
    /// The learner's file the step looked at, when it exists (a `file` step): where a failure
    /// is best pointed at.
    public var location: FilePosition?

    public init(
        kind: Kind, command: String, exit: Int32? = nil, signal: Int32? = nil, duration: Double = 0,
        stdout: String = "", stderr: String = "", stdoutBytes: Int = 0, stderrBytes: Int = 0,
        passed: Bool, message: String? = nil, attempts: Int = 1, timedOut: Bool = false
    ) {
        self.kind = kind
        self.command = command
        self.exit = exit
        self.signal = signal
        self.duration = duration
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutBytes = stdoutBytes
        self.stderrBytes = stderrBytes
        self.passed = passed
        self.message = message
        self.attempts = attempts
        self.timedOut = timedOut
    }
}
