import LabSpec

/// What `lab status` and `lab list` need of a lab: its name, its phases with their exercises'
/// names, and the review intervals. Small enough to keep between runs (`OutlineCache`), so that
/// they need not read a large `lab.yml` whole each time they run.
public struct LabOutline: Sendable, Equatable {
    public struct Exercise: Sendable, Equatable {
        public var id: String
        public var title: String
        public var phase: Int
        /// Ticked by hand with `lab mark`: no step checks it.
        public var isManual: Bool

        public init(id: String, title: String, phase: Int, isManual: Bool) {
            self.id = id
            self.title = title
            self.phase = phase
            self.isManual = isManual
        }
    }

    public struct Phase: Sendable, Equatable {
        public var id: Int
        public var title: String
        public var weeks: String?
        public var status: PhaseStatus
        /// The phase document, relative to the lab root.
        public var doc: String
        public var exercises: [Exercise]

        public init(id: Int, title: String, weeks: String?, status: PhaseStatus, doc: String, exercises: [Exercise]) {
            self.id = id
            self.title = title
            self.weeks = weeks
            self.status = status
            self.doc = doc
            self.exercises = exercises
        }
    }

    public var name: String
    /// `review: intervals:` as the lab gives them (empty: the default ones).
    public var reviewIntervals: [Duration]
    public var phases: [Phase]

    public init(name: String, reviewIntervals: [Duration], phases: [Phase]) {
        self.name = name
        self.reviewIntervals = reviewIntervals
        self.phases = phases
    }

    public init(_ lab: Lab) {
        name = lab.name
        reviewIntervals = lab.review.intervals
        phases = lab.phases.map { phase in
            Phase(
                id: phase.id, title: phase.title, weeks: phase.weeks, status: phase.status, doc: phase.doc,
                exercises: phase.exercises.map {
                    Exercise(id: $0.id, title: $0.title, phase: $0.phase, isManual: $0.isManual)
                })
        }
    }

    public func phase(id: Int) -> Phase? { phases.first { $0.id == id } }

    /// The first exercise with this id, in the order of `lab.yml`, as `Lab.exercise(id:)` finds it.
    public func exercise(id: String) -> Exercise? {
        for phase in phases {
            if let exercise = phase.exercises.first(where: { $0.id == id }) { return exercise }
        }
        return nil
    }
}
