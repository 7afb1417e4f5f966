/// A phase of the lab: a stretch of weeks with objectives, scope and exercises.
public struct Phase: Sendable {
    public var id: Int
    public var title: String
    public var weeks: String?
    public var status: PhaseStatus
    /// The phase document, relative to the lab root.
    public var doc: String
    public var objectives: [String]
    public var scope: [String]
    /// Names of the scaffolds rendered when the phase starts.
    public var scaffold: [String]
    public var exercises: [Exercise]
    /// Where the phase's mapping starts in `lab.yml`.
    public var mark: Mark

    public init(
        id: Int, title: String, weeks: String? = nil, status: PhaseStatus = .pending, doc: String,
        objectives: [String] = [], scope: [String] = [], scaffold: [String] = [], exercises: [Exercise] = [],
        mark: Mark = .start
    ) {
        self.id = id
        self.title = title
        self.weeks = weeks
        self.status = status
        self.doc = doc
        self.objectives = objectives
        self.scope = scope
        self.scaffold = scaffold
        self.exercises = exercises
        self.mark = mark
    }

    /// The default document path: `{phases}/phase-{id, two digits}.md`.
    public static func defaultDoc(id: Int, folder: String) -> String {
        let number = id < 10 ? "0\(id)" : "\(id)"
        return folder.isEmpty ? "phase-\(number).md" : "\(folder)/phase-\(number).md"
    }
}

/// Where a phase stands; written by `lab phase start` and `lab phase finish`.
public enum PhaseStatus: String, Sendable, CaseIterable, Equatable {
    case pending
    case inProgress = "in-progress"
    case done
}
