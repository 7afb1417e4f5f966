import Foundation
import LabSpec

/// `lab log`: the journal's events — all, since a date, or of one phase — grouped by day, with
/// how long each phase took and the streak of days with a verified pass. Reads only.
public enum LogQuery {
    public struct Request: Sendable {
        public var location: LabLocation
        /// Only events at or after this moment.
        public var since: Date?
        /// Only events of this phase (its own and its exercises').
        public var phase: Int?
        /// Newest first (the default), or oldest first.
        public var newestFirst: Bool
        public var now: Date
        /// Whose days the events are grouped by: the learner's time zone.
        public var calendar: Calendar

        public init(
            location: LabLocation, since: Date? = nil, phase: Int? = nil, newestFirst: Bool = true, now: Date = Date(),
            calendar: Calendar = .current
        ) {
            self.location = location
            self.since = since
            self.phase = phase
            self.newestFirst = newestFirst
            self.now = now
            self.calendar = calendar
        }
    }

    public struct Result: Sendable {
        public var lab: Lab
        /// The events shown, in the order asked for.
        public var events: [JournalEvent]
        public var timeline: JournalTimeline
        /// Lines that are not events, kinds this lab does not know, a journal that cannot be read.
        public var warnings: [String]
        /// Whether the lab has a journal at all.
        public var journalExists: Bool
    }

    public static func run(_ request: Request) throws(LabError) -> Result {
        let (project, lab) = try request.location.openLab()
        let journal = JournalStore.load(files: project.files)
        if let phase = request.phase, lab.phase(id: phase) == nil, !journal.events.contains(where: { $0.phase == phase }) {
            throw NameLookup.phase(String(phase), in: lab)
        }
        let shown = journal.events.filter { event in
            (request.since.map { event.at >= $0 } ?? true) && (request.phase.map { event.phase == $0 } ?? true)
        }
        let timeline = JournalTimeline.make(
            shown: shown, all: journal.events, lab: lab, only: request.phase, newestFirst: request.newestFirst, now: request.now,
            calendar: request.calendar)
        return Result(
            lab: lab, events: request.newestFirst ? shown.reversed() : shown, timeline: timeline, warnings: journal.warnings,
            journalExists: journal.exists)
    }

    /// `--since`: a day (`2026-11-26`, from its first moment in `calendar`'s time zone), a UTC time
    /// (`2026-11-26T15:04:05Z`), an age (`7d`, `2w`, `12h`: that long before `now`), `today` or
    /// `yesterday`. Nil for anything else.
    public static func since(_ text: String, now: Date, calendar: Calendar) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        switch text {
        case "today": return calendar.startOfDay(for: now)
        case "yesterday": return calendar.date(byAdding: .day, value: -1, to: calendar.startOfDay(for: now))
        default: break
        }
        if let unit = text.last, "hdw".contains(unit), let count = Int(text.dropLast()), count >= 0, count < 100_000 {
            let hours = unit == "h" ? count : unit == "d" ? count * 24 : count * 24 * 7
            return now.addingTimeInterval(-Double(hours) * 3600)
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        {
            let components = DateComponents(year: year, month: month, day: day)
            guard components.isValidDate(in: calendar) else { return nil }
            return calendar.date(from: components)
        }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
