/// One verification step: a shell command, or a file that must exist (and contain some text).
public struct Step: Sendable {
    public enum Action: Sendable, Equatable {
        case run(String)
        case file(path: String, contains: [String])
    }

    public var action: Action
    public var expect: Expectation
    public var retry: Retry?
    public var timeout: Duration?
    public var mark: Mark

    public init(action: Action, expect: Expectation = Expectation(), retry: Retry? = nil, timeout: Duration? = nil, mark: Mark = .start) {
        self.action = action
        self.expect = expect
        self.retry = retry
        self.timeout = timeout
        self.mark = mark
    }

    /// The command of a `run` step, or a readable description of a `file` step.
    public var summary: String {
        switch action {
        case .run(let command): return command
        case .file(let path, let contains):
            if contains.isEmpty { return "file \(path)" }
            return "file \(path) contains " + contains.map { "'\($0)'" }.joined(separator: ", ")
        }
    }
}

/// What a `run` step must produce to pass.
public struct Expectation: Sendable, Equatable {
    public var exit: [Int32] = [0]
    public var stdout: [String] = []
    public var stderr: [String] = []
    public var stdoutMatches: String?
    public var stderrMatches: String?

    public init(exit: [Int32] = [0], stdout: [String] = [], stderr: [String] = [], stdoutMatches: String? = nil, stderrMatches: String? = nil) {
        self.exit = exit
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutMatches = stdoutMatches
        self.stderrMatches = stderrMatches
    }
}

/// How often to try a step before it counts as failed, and how long to wait between tries.
public struct Retry: Sendable, Equatable {
    public var attempts: Int
    public var delay: Duration

    public init(attempts: Int, delay: Duration = .seconds(1)) {
        self.attempts = attempts
        self.delay = delay
    }
}
