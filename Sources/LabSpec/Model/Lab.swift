/// A lab: the plan read from `lab.yml`, with every default applied.
public struct Lab: Sendable {
    public var name: String
    public var version: Int
    public var paths: Paths
    public var defaults: Defaults
    public var phases: [Phase]
    public var scaffolds: [Scaffold]
    /// The lab's own templates for `lab new adr|note`, overriding the built-in ones.
    public var templates: Templates = Templates()
    /// The spaced re-checks of passed exercises (`lab review`).
    public var review: Review = Review()
    /// How to install a program, by its name, as the lab tells it (`lab doctor`).
    public var install: [String: String] = [:]

    /// Where the phase documents and the README live, relative to the lab root.
    public struct Paths: Sendable, Equatable {
        public var phases: String = "docs/phases"
        public var readme: String = "README.md"
        public init() {}
    }

    /// What applies to every step unless an exercise or step says otherwise.
    public struct Defaults: Sendable, Equatable {
        public var timeout: Duration = .seconds(60)
        public var shell: String = "/bin/sh"
        public init() {}
    }

    /// Files of the lab (relative to its root) that replace the built-in templates of `lab new`.
    public struct Templates: Sendable, Equatable {
        public var adr: String?
        public var note: String?
        public init(adr: String? = nil, note: String? = nil) {
            self.adr = adr
            self.note = note
        }
    }

    /// When a passed exercise is checked again: the intervals after its last pass, in order; a
    /// failure starts it over from the first.
    public struct Review: Sendable, Equatable {
        public static let defaultIntervals: [Duration] = [3, 7, 21, 60, 180].map { .seconds($0 * 86_400) }
        public var intervals: [Duration] = Review.defaultIntervals
        public init(intervals: [Duration] = Review.defaultIntervals) {
            self.intervals = intervals
        }
    }

    public init(name: String, version: Int = 1, paths: Paths = Paths(), defaults: Defaults = Defaults(), phases: [Phase], scaffolds: [Scaffold] = []) {
        self.name = name
        self.version = version
        self.paths = paths
        self.defaults = defaults
        self.phases = phases
        self.scaffolds = scaffolds
    }

    public var exercises: [Exercise] { phases.flatMap(\.exercises) }

    public func phase(id: Int) -> Phase? { phases.first { $0.id == id } }

    public func exercise(id: String) -> Exercise? {
        for phase in phases {
            if let exercise = phase.exercises.first(where: { $0.id == id }) { return exercise }
        }
        return nil
    }

    public func scaffold(named name: String) -> Scaffold? { scaffolds.first { $0.name == name } }

    /// The phase whose `scaffold` list names the scaffold, if any.
    public func phase(introducing scaffold: String) -> Phase? {
        phases.first { $0.scaffold.contains(scaffold) }
    }
}
