import Foundation
import LabKit
import LabSpec

/// `lab review --json`.
struct ReviewJSON: Encodable {
    struct Scheduled: Encodable {
        var exercise: String
        var phase: Int?
        /// The pass, or last passed review, the interval counts from.
        var since: String
        /// 1 for the first review after a pass.
        var review: Int
        var interval: String
        var due: String
        var isDue: Bool

        enum CodingKeys: String, CodingKey {
            case exercise, phase, since, review, interval, due
            case isDue = "is_due"
        }
    }

    struct Reviewed: Encodable {
        var exercise: String
        var phase: Int
        var outcome: String
        var duration: Double
        /// null after a failure: it is out of the schedule until it passes again.
        var nextDue: String?

        enum CodingKeys: String, CodingKey {
            case exercise, phase, outcome, duration
            case nextDue = "next_due"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(exercise, forKey: .exercise)
            try container.encode(phase, forKey: .phase)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(duration, forKey: .duration)
            try container.encode(nextDue, forKey: .nextDue)
        }
    }

    var now: String
    var schedule: [Scheduled]
    /// Only with a run (not `--list`); empty when nothing was due.
    var reviewed: [Reviewed]
    var postponed: [String]

    static let time = Date.ISO8601FormatStyle()

    init(_ result: ReviewWorkflow.Result, listOnly: Bool) {
        now = result.now.formatted(Self.time)
        let shown = listOnly ? result.schedule : result.next
        schedule = shown.entries.map { entry in
            Scheduled(
                exercise: entry.exercise, phase: entry.phase, since: entry.since.formatted(Self.time), review: entry.stage + 1,
                interval: DurationText.format(entry.interval), due: entry.due.formatted(Self.time), isDue: entry.isDue(at: result.now))
        }
        reviewed = result.reviewed.map { item in
            Reviewed(
                exercise: item.id, phase: item.phase, outcome: item.status.rawValue, duration: (item.duration * 1000).rounded() / 1000,
                nextDue: result.next.entries.first { $0.exercise == item.id }?.due.formatted(Self.time))
        }
        postponed = result.postponed
    }
}
