import Foundation
import LabSpec

/// When each passed exercise is re-checked, worked out from the journal alone.
///
/// An exercise enters the schedule when it passes (`passed`): its first review is due the first
/// interval after. Each review that passes (`reviewed`, outcome `passed`) moves it to the next
/// interval, counted from that review; past the last interval it stays on the last. A failure —
/// a review that fails, or a `regressed` check — takes it out until it passes again, and then it
/// starts over from the first interval.
public struct ReviewSchedule: Sendable {
    public struct Entry: Sendable, Equatable {
        public var exercise: String
        public var phase: Int?
        /// When it last passed: its pass, or its last passed review.
        public var since: Date
        /// How many reviews it passed in a row since then (the index of the interval it waits).
        public var stage: Int
        public var due: Date
        /// The interval it waits, as `lab.yml` writes durations (`7d`).
        public var interval: Duration

        public func isDue(at now: Date) -> Bool { due <= now }
    }

    public var entries: [Entry]
    /// Notes on what the journal holds that cannot be scheduled: exercises no longer in
    /// `lab.yml`, times in the future.
    public var notes: [String]

    /// The schedule at `now` of the checked exercises of `lab`, from `journal`'s events.
    public static func make(journal: Journal, lab: Lab, intervals: [Duration], now: Date) -> ReviewSchedule {
        make(journal: journal, outline: LabOutline(lab), intervals: intervals, now: now)
    }

    /// The same, from the lab's outline: all the schedule needs of an exercise is its phase and
    /// whether it is manual.
    public static func make(journal: Journal, outline lab: LabOutline, intervals: [Duration], now: Date) -> ReviewSchedule {
        let intervals = intervals.isEmpty ? Lab.Review.defaultIntervals : intervals
        var state: [String: (since: Date, stage: Int, phase: Int?)] = [:]
        var order: [String] = []
        var seen: Set<String> = []
        for event in journal.events {
            guard let id = event.exercise else { continue }
            switch event.kind {
            case .passed:
                if seen.insert(id).inserted { order.append(id) }
                state[id] = (event.at, 0, event.phase)
            case .regressed:
                state[id] = nil
            case .reviewed:
                if event.outcome == "passed", let current = state[id] {
                    state[id] = (event.at, current.stage + 1, current.phase)
                } else if event.outcome != "passed" {
                    state[id] = nil
                }
            default:
                break
            }
        }
        var entries: [Entry] = []
        var removed: [String] = []
        var future: [String] = []
        for id in order {
            guard let current = state[id] else { continue }
            guard let exercise = lab.exercise(id: id) else {
                removed.append(id)
                continue
            }
            // A manual exercise has no check to run again.
            if exercise.isManual { continue }
            if current.since > now { future.append(id) }
            let interval = intervals[min(current.stage, intervals.count - 1)]
            entries.append(Entry(
                exercise: id, phase: exercise.phase, since: current.since, stage: current.stage,
                due: current.since.addingTimeInterval(interval.seconds), interval: interval))
        }
        var notes: [String] = []
        if !removed.isEmpty {
            notes.append("the journal has passes of \(removed.count == 1 ? "an exercise" : "\(removed.count) exercises") no longer in lab.yml (\(removed.joined(separator: ", "))); they are not reviewed")
        }
        if !future.isEmpty {
            notes.append("the journal dates the last pass of \(future.joined(separator: ", ")) in the future (a clock set wrong?); \(future.count == 1 ? "it is" : "they are") scheduled from that time")
        }
        entries.sort { ($0.due, $0.exercise) < ($1.due, $1.exercise) }
        return ReviewSchedule(entries: entries, notes: notes)
    }

    /// The entries due at `now`, most overdue first.
    public func due(at now: Date) -> [Entry] { entries.filter { $0.isDue(at: now) } }
}
