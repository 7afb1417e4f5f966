/// One program to run to its end: what to execute, where, with which extra environment, and the
/// limits that bound it.
public struct ProcessCommand: Sendable, Equatable {
    /// The program: an absolute path, a path relative to `workingDirectory`, or a name looked up on
    /// the `PATH` of this process (unless `searchesPath` is false).
    public var executable: String
    /// Whether an `executable` without a slash is looked up on `PATH`; when false it names a file of
    /// `workingDirectory`, as a shell runs a program found through an empty `PATH` entry.
    public var searchesPath = true
    /// The arguments after the program's own name.
    public var arguments: [String]
    /// The name the program sees as its own (`argv[0]`); the executable when nil.
    public var name: String?
    /// The folder the program starts in; empty for this process's own.
    public var workingDirectory: String
    /// Variables added to (or replacing those of) this process's environment.
    public var environment: [String: String]
    /// How long the program may run before its process group is terminated.
    public var timeout: Duration
    /// How long the group has between SIGTERM and SIGKILL once the program is stopped.
    public var killGrace: Duration
    /// How many of the last bytes of each output stream are kept.
    public var tailLimit: Int

    public init(
        executable: String,
        arguments: [String] = [],
        workingDirectory: String = "",
        environment: [String: String] = [:],
        timeout: Duration = .seconds(60),
        killGrace: Duration = .seconds(1),
        tailLimit: Int = 65536
    ) {
        self.executable = executable
        self.arguments = arguments
        self.name = nil
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.timeout = timeout
        self.killGrace = killGrace
        self.tailLimit = tailLimit
    }

    /// `shell -c command`.
    public static func shell(
        _ command: String,
        shell: String = "/bin/sh",
        workingDirectory: String = "",
        environment: [String: String] = [:],
        timeout: Duration = .seconds(60),
        killGrace: Duration = .seconds(1),
        tailLimit: Int = 65536
    ) -> ProcessCommand {
        ProcessCommand(
            executable: shell, arguments: ["-c", command], workingDirectory: workingDirectory, environment: environment,
            timeout: timeout, killGrace: killGrace, tailLimit: tailLimit)
    }
}
