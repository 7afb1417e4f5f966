/// One exercise: a checklist item of its phase and the steps that verify it.
public struct Exercise: Sendable {
    public var id: String
    public var phase: Int
    public var title: String
    public var hint: String?
    /// Programs that must be on PATH; when one is missing the exercise is skipped.
    public var requires: [String]
    /// Globs (relative to the lab root, `**` allowed) whose files feed the fingerprint.
    public var sources: [String]
    public var timeout: Duration?
    /// Extra environment for its `run` steps, in source order.
    public var env: [EnvironmentEntry]
    public var verify: [Step]
    public var mark: Mark

    public init(
        id: String, phase: Int, title: String, hint: String? = nil, requires: [String] = [], sources: [String] = [],
        timeout: Duration? = nil, env: [EnvironmentEntry] = [], verify: [Step] = [], mark: Mark = .start
    ) {
        self.id = id
        self.phase = phase
        self.title = title
        self.hint = hint
        self.requires = requires
        self.sources = sources
        self.timeout = timeout
        self.env = env
        self.verify = verify
        self.mark = mark
    }

    /// An exercise without steps is ticked by hand with `lab mark`.
    public var isManual: Bool { verify.isEmpty }
}

/// One `KEY: value` of an exercise's `env`.
public struct EnvironmentEntry: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
