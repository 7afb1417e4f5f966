/// One verification step to run: `shell -c command` in a folder, with extra environment and limits.
public struct StepCommand: Sendable, Equatable {
    /// The shell, an absolute path or a name looked up on the `PATH` of this process.
    public var shell: String
    /// The text handed to the shell after `-c`.
    public var command: String
    /// The folder the shell starts in.
    public var workingDirectory: String
    /// Variables added to (or replacing those of) this process's environment.
    public var environment: [String: String]
    /// How long the step may run before its process group is terminated.
    public var timeout: Duration
    /// How long the group has between SIGTERM and SIGKILL once the step is stopped.
    public var killGrace: Duration
    /// How many of the last bytes of each output stream are kept.
    public var tailLimit: Int

    public init(
        shell: String = "/bin/sh",
        command: String,
        workingDirectory: String,
        environment: [String: String] = [:],
        timeout: Duration = .seconds(60),
        killGrace: Duration = .seconds(1),
        tailLimit: Int = 65536
    ) {
        self.shell = shell
        self.command = command
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.timeout = timeout
        self.killGrace = killGrace
        self.tailLimit = tailLimit
    }
}
