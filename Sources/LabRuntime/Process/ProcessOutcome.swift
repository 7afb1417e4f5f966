/// What became of one process: how it ended, why it was stopped, and the tails of its output.
public struct ProcessOutcome: Sendable, Equatable {
    /// How the process ended.
    public var termination: Termination
    /// It ran past its timeout and its process group was terminated.
    public var timedOut: Bool
    /// The task running it was cancelled and its process group was terminated.
    public var cancelled: Bool
    /// The last bytes it wrote to standard output.
    public var stdout: OutputTail
    /// The last bytes it wrote to standard error.
    public var stderr: OutputTail
    /// Time from starting the process to reaping it.
    public var duration: Duration
    /// The process id, which is also the id of its process group and session.
    public var processID: Int32
    /// A signal ended it and it left a core dump.
    public var coreDumped: Bool

    public init(
        termination: Termination,
        timedOut: Bool = false,
        cancelled: Bool = false,
        stdout: OutputTail = .empty,
        stderr: OutputTail = .empty,
        duration: Duration = .zero,
        processID: Int32 = 0,
        coreDumped: Bool = false
    ) {
        self.coreDumped = coreDumped
        self.termination = termination
        self.timedOut = timedOut
        self.cancelled = cancelled
        self.stdout = stdout
        self.stderr = stderr
        self.duration = duration
        self.processID = processID
    }
}
