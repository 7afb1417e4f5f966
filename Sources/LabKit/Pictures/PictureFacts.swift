import Foundation
import LabRuntime
import LabSpec

/// What the pictures show, gathered once: the lab's name, each phase's status and progress, and
/// the passes of the last weeks. The pictures are drawn from these values alone.
public struct PictureFacts: Sendable, Equatable {
    public struct PhaseProgress: Sendable, Equatable {
        public var id: Int
        public var title: String
        public var weeks: String?
        public var status: PhaseStatus
        /// Ticked items of the phase document.
        public var done: Int
        /// Items of the phase document, or the phase's exercises while it has none.
        public var total: Int

        public init(id: Int, title: String, weeks: String?, status: PhaseStatus, done: Int, total: Int) {
            self.id = id
            self.title = title
            self.weeks = weeks
            self.status = status
            self.done = done
            self.total = total
        }
    }

    /// One week of the timeline: the Monday it starts (UTC) and how many passes it saw.
    public struct Week: Sendable, Equatable {
        public var start: Date
        public var passes: Int

        public init(start: Date, passes: Int) {
            self.start = start
            self.passes = passes
        }
    }

    public var lab: String
    public var phases: [PhaseProgress]
    /// Oldest first, the last one the week of `now`.
    public var weeks: [Week]

    public init(lab: String, phases: [PhaseProgress], weeks: [Week]) {
        self.lab = lab
        self.phases = phases
        self.weeks = weeks
    }

    /// How many weeks the timeline shows.
    public static let weekCount = 12

    /// The weeks of the timeline, in UTC so that the pictures do not depend on the time zone of
    /// the machine that drew them (they are committed).
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// The facts of `lab`: progress from its phase documents (`documents` overriding what is on
    /// disk), passes from `journal`, weeks up to the one holding `now`.
    public static func make(
        lab: Lab, files: ContainedRoot, journal: Journal, now: Date, documents: [String: [UInt8]] = [:]
    ) -> PictureFacts {
        let rows = ReadmeTable.rows(for: lab, files: files, overriding: documents)
        let phases = rows.map { row in
            PhaseProgress(
                id: row.phase.id, title: row.phase.title, weeks: row.phase.weeks, status: row.phase.status, done: row.done,
                total: row.documentExists ? row.total : row.phase.exercises.count)
        }
        return PictureFacts(lab: lab.name, phases: phases, weeks: weeks(of: journal.events, now: now))
    }

    /// Passes per week for the `weekCount` weeks ending with the week of `now`.
    static func weeks(of events: [JournalEvent], now: Date) -> [Week] {
        let calendar = Self.calendar
        guard let current = calendar.dateInterval(of: .weekOfYear, for: now)?.start else { return [] }
        var weeks: [Week] = []
        for back in stride(from: weekCount - 1, through: 0, by: -1) {
            if let start = calendar.date(byAdding: .weekOfYear, value: -back, to: current) {
                weeks.append(Week(start: start, passes: 0))
            }
        }
        for event in events where event.kind == .passed {
            guard let start = calendar.dateInterval(of: .weekOfYear, for: event.at)?.start,
                let index = weeks.firstIndex(where: { $0.start == start })
            else { continue }
            weeks[index].passes += 1
        }
        return weeks
    }

    /// The phases in progress.
    var current: [PhaseProgress] { phases.filter { $0.status == .inProgress } }

    /// Ticked items over all items, counting the exercises of phases without a document.
    var overall: (done: Int, total: Int) {
        (phases.reduce(0) { $0 + $1.done }, phases.reduce(0) { $0 + $1.total })
    }
}
