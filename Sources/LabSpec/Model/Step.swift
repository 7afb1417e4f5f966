/// One verification step: exactly one kind (a shell command, a file, an HTTP request, a TCP port,
/// a DNS name, a value in a JSON or YAML file, a quiz, or the shape of a note), how often to try
/// it, and how long it may take.
public struct Step: Sendable {
    /// The kinds of step, as `lab.yml` names them.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case run, file, http, tcp, dns, json, yaml, quiz, note
    }

    /// The checks larger than a command are kept out of line (`indirect`): a step is as large as
    /// its largest kind, and a large lab keeps tens of thousands of steps, most of them `run` or
    /// `file` (a step was 304 bytes, most of it an `http` or `json` check that it did not hold).
    public enum Action: Sendable, Equatable {
        /// A shell command; what it must produce is the step's `expect`.
        case run(String)
        indirect case file(FileCheck)
        indirect case http(HTTPCheck)
        indirect case tcp(TCPCheck)
        indirect case dns(DNSCheck)
        /// A value in a JSON file (`json:`) or a YAML file (`yaml:`).
        indirect case document(DocumentCheck)
        /// Questions answered with `lab quiz ID`.
        case quiz(QuizCheck)
        /// A Markdown note's sections, words, links and code blocks.
        indirect case note(NoteCheck)
    }

    public var action: Action
    /// What a `run` step must produce.
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

    public var kind: Kind {
        switch action {
        case .run: return .run
        case .file: return .file
        case .http: return .http
        case .tcp: return .tcp
        case .dns: return .dns
        case .document(let check): return check.format == .json ? .json : .yaml
        case .quiz: return .quiz
        case .note: return .note
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
    /// Facts about stdout read as JSON, each a query and what its value must be.
    public var json: [ValueCheck] = []

    public init(
        exit: [Int32] = [0], stdout: [String] = [], stderr: [String] = [], stdoutMatches: String? = nil, stderrMatches: String? = nil,
        json: [ValueCheck] = []
    ) {
        self.exit = exit
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutMatches = stdoutMatches
        self.stderrMatches = stderrMatches
        self.json = json
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
