import Foundation
import LabSpec

/// What `lab log` makes of the journal: its events grouped by day, how long each phase took,
/// and the streak of days with a verified pass. Days are calendar days of `calendar` (the
/// learner's time zone), so that an evening's work is not split at midnight UTC.
public struct JournalTimeline: Sendable {
    /// One calendar day's events.
    public struct Day: Sendable {
        /// The day's first moment.
        public var start: Date
        public var events: [JournalEvent]
    }

    /// How long a phase has taken: from its first start to its last finish, or to today.
    public struct PhaseSpan: Sendable, Equatable {
        public var phase: Int
        /// Nil when the journal has no start for it (started before the journal).
        public var started: Date?
        /// Nil while it is in progress.
        public var finished: Date?
        /// Calendar days from the start to the finish, or to `now`; nil without a start.
        public var days: Int?
    }

    /// Consecutive calendar days with at least one `passed` event.
    public struct Streak: Sendable, Equatable {
        /// The streak that ends today or yesterday (0 when the last pass is older).
        public var current: Int
        /// The first day of the current streak.
        public var currentSince: Date?
        public var longest: Int
        /// The day of the last pass.
        public var lastPass: Date?
    }

    public var days: [Day]
    public var phases: [PhaseSpan]
    public var streak: Streak

    /// - Parameters:
    ///   - shown: the events to group by day, in time order (already filtered).
    ///   - all: every event of the journal, for the phase spans and the streak.
    ///   - lab: which phases to span (those started or done, in lab order, then any others the
    ///     journal names); `only` restricts them to one.
    public static func make(
        shown: [JournalEvent], all: [JournalEvent], lab: Lab, only phase: Int? = nil, newestFirst: Bool, now: Date,
        calendar: Calendar
    ) -> JournalTimeline {
        var days: [Day] = []
        for event in shown {
            let start = calendar.startOfDay(for: event.at)
            if days.last?.start == start {
                days[days.count - 1].events.append(event)
            } else {
                days.append(Day(start: start, events: [event]))
            }
        }
        if newestFirst {
            days = days.reversed().map { Day(start: $0.start, events: $0.events.reversed()) }
        }
        return JournalTimeline(
            days: days, phases: spans(all, lab: lab, only: phase, now: now, calendar: calendar),
            streak: streak(all, now: now, calendar: calendar))
    }

    static func spans(_ events: [JournalEvent], lab: Lab, only: Int?, now: Date, calendar: Calendar) -> [PhaseSpan] {
        var order = lab.phases.filter { $0.status != .pending }.map(\.id)
        for event in events where event.kind == .phaseStarted || event.kind == .phaseFinished {
            if let id = event.phase, !order.contains(id) { order.append(id) }
        }
        if let only { order = order.filter { $0 == only } }
        return order.map { id in
            let phaseEvents = events.filter { $0.phase == id && $0.exercise == nil }
            let started = phaseEvents.first { $0.kind == .phaseStarted }?.at
            let last = phaseEvents.last { $0.kind == .phaseStarted || $0.kind == .phaseFinished }
            let finished = last?.kind == .phaseFinished ? last?.at : nil
            let days = started.map { calendarDays(from: $0, to: finished ?? now, calendar: calendar) }
            return PhaseSpan(phase: id, started: started, finished: finished, days: days)
        }
    }

    static func streak(_ events: [JournalEvent], now: Date, calendar: Calendar) -> Streak {
        let passDays = Set(events.filter { $0.kind == .passed }.map { calendar.startOfDay(for: $0.at) }).sorted()
        guard let lastPass = passDays.last else { return Streak(current: 0, currentSince: nil, longest: 0, lastPass: nil) }
        var longest = 0
        var run = 0
        var runStart = passDays[0]
        var previous: Date?
        for day in passDays {
            if let previous, calendarDays(from: previous, to: day, calendar: calendar) == 1 {
                run += 1
            } else {
                run = 1
                runStart = day
            }
            longest = max(longest, run)
            previous = day
        }
        let sinceLast = calendarDays(from: lastPass, to: now, calendar: calendar)
        let current = sinceLast <= 1 ? run : 0
        return Streak(current: current, currentSince: current > 0 ? runStart : nil, longest: longest, lastPass: lastPass)
    }

    /// Whole calendar days between the days of two moments: 0 for the same day.
    static func calendarDays(from start: Date, to end: Date, calendar: Calendar) -> Int {
        calendar.dateComponents([.day], from: calendar.startOfDay(for: start), to: calendar.startOfDay(for: end)).day ?? 0
    }
}
