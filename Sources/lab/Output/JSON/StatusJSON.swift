import LabKit

/// `lab status --json`.
struct StatusJSON: Encodable {
    struct Phase: Encodable {
        var id: Int
        var title: String
        var weeks: String?
        var status: String
        var doc: String
        var done: Int
        var total: Int
        var exercises: Int

        enum CodingKeys: String, CodingKey { case id, title, weeks, status, doc, done, total, exercises }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(weeks, forKey: .weeks)
            try container.encode(status, forKey: .status)
            try container.encode(doc, forKey: .doc)
            try container.encode(done, forKey: .done)
            try container.encode(total, forKey: .total)
            try container.encode(exercises, forKey: .exercises)
        }
    }

    struct Next: Encodable {
        var exercise: String
        var phase: Int
        var title: String
    }

    var lab: String
    var phases: [Phase]
    /// null when nothing is left to do.
    var next: Next?
    /// Spaced re-checks due (`lab review`).
    var reviewsDue: Int

    init(_ report: StatusReport) {
        lab = report.lab
        phases = report.phases.map {
            Phase(
                id: $0.id, title: $0.title, weeks: $0.weeks, status: $0.status.rawValue, doc: $0.doc, done: $0.done,
                total: $0.total, exercises: $0.exercises)
        }
        next = report.next.map { Next(exercise: $0.exercise.id, phase: $0.phase, title: $0.exercise.title) }
        reviewsDue = report.reviewsDue
    }

    enum CodingKeys: String, CodingKey {
        case lab, phases, next
        case reviewsDue = "reviews_due"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lab, forKey: .lab)
        try container.encode(phases, forKey: .phases)
        try container.encode(next, forKey: .next)
        try container.encode(reviewsDue, forKey: .reviewsDue)
    }
}
