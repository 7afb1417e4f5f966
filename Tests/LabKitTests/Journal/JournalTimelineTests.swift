import Foundation
import LabSpec
import Testing

@testable import LabKit

/// `lab log`'s arithmetic: days in the learner's time zone, phase spans, the streak.
@Suite struct JournalTimelineTests {
    static func calendar(_ zone: String) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? .gmt
        return calendar
    }

    /// `2026-11-DDTHH:MM:00Z`
    static func time(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        calendar("UTC").date(from: DateComponents(year: 2026, month: 11, day: day, hour: hour, minute: minute)) ?? .distantPast
    }

    static let lab = Lab(
        name: "Timeline", phases: [
            Phase(id: 1, title: "One", status: .done, doc: "docs/phases/phase-01.md"),
            Phase(id: 2, title: "Two", status: .inProgress, doc: "docs/phases/phase-02.md"),
            Phase(id: 3, title: "Three", status: .pending, doc: "docs/phases/phase-03.md"),
        ])

    @Test func eventsAreGroupedByLocalDayNewestFirst() {
        let events = [
            JournalEvent(.passed, at: Self.time(26, 22), exercise: "a", phase: 1),
            // 00:30 UTC on the 27th is still the 26th in New York.
            JournalEvent(.ticked, at: Self.time(27, 0, 30), exercise: "a", phase: 1),
            JournalEvent(.passed, at: Self.time(27, 15), exercise: "b", phase: 1),
        ]
        let newYork = JournalTimeline.make(
            shown: events, all: events, lab: Self.lab, newestFirst: true, now: Self.time(28, 12), calendar: Self.calendar("America/New_York"))
        #expect(newYork.days.map { $0.events.compactMap(\.exercise) } == [["b"], ["a", "a"]])
        #expect(newYork.days.first?.events.first?.kind == .passed)

        let utc = JournalTimeline.make(
            shown: events, all: events, lab: Self.lab, newestFirst: false, now: Self.time(28, 12), calendar: Self.calendar("UTC"))
        #expect(utc.days.map(\.events.count) == [1, 2])
        #expect(utc.days.first?.start == Self.time(26, 0))
    }

    @Test func phaseSpansRunFromStartToFinishOrToday() {
        let events = [
            JournalEvent(.phaseStarted, at: Self.time(1, 9), phase: 1),
            JournalEvent(.phaseFinished, at: Self.time(6, 18), phase: 1),
            JournalEvent(.phaseStarted, at: Self.time(6, 18), phase: 2),
            // A phase the lab no longer has is still spanned, after the lab's own.
            JournalEvent(.phaseStarted, at: Self.time(2, 9), phase: 9),
        ]
        let timeline = JournalTimeline.make(
            shown: [], all: events, lab: Self.lab, newestFirst: true, now: Self.time(10, 8), calendar: Self.calendar("UTC"))
        #expect(timeline.phases == [
            .init(phase: 1, started: Self.time(1, 9), finished: Self.time(6, 18), days: 5),
            .init(phase: 2, started: Self.time(6, 18), finished: nil, days: 4),
            .init(phase: 9, started: Self.time(2, 9), finished: nil, days: 8),
        ])
        let only = JournalTimeline.make(
            shown: [], all: events, lab: Self.lab, only: 2, newestFirst: true, now: Self.time(10, 8), calendar: Self.calendar("UTC"))
        #expect(only.phases.map(\.phase) == [2])
    }

    @Test func aPhaseStartedBeforeTheJournalHasNoSpan() {
        let timeline = JournalTimeline.make(shown: [], all: [], lab: Self.lab, newestFirst: true, now: Self.time(10, 8), calendar: Self.calendar("UTC"))
        #expect(timeline.phases == [.init(phase: 1, started: nil, finished: nil, days: nil), .init(phase: 2, started: nil, finished: nil, days: nil)])
    }

    static func streak(passDays: [Int], now: Date) -> JournalTimeline.Streak {
        let events = passDays.map { JournalEvent(.passed, at: time($0, 20), exercise: "e\($0)", phase: 1) }
            + [JournalEvent(.ticked, at: time(25, 20), exercise: "t", phase: 1)]
        return JournalTimeline.streak(events, now: now, calendar: calendar("UTC"))
    }

    @Test func theStreakCountsConsecutiveDaysWithAPass() {
        let days = [1, 2, 3, 4, 10, 11, 11, 12]
        #expect(Self.streak(passDays: days, now: Self.time(12, 23)) == .init(current: 3, currentSince: Self.time(10, 0), longest: 4, lastPass: Self.time(12, 0)))
        // Yesterday's pass still counts: today is not over.
        #expect(Self.streak(passDays: days, now: Self.time(13, 9)).current == 3)
        // Two days without one end it; the longest stays.
        #expect(Self.streak(passDays: days, now: Self.time(14, 9)) == .init(current: 0, currentSince: nil, longest: 4, lastPass: Self.time(12, 0)))
        #expect(Self.streak(passDays: [], now: Self.time(14, 9)) == .init(current: 0, currentSince: nil, longest: 0, lastPass: nil))
    }

    @Test func theStreakFollowsTheLocalDay() {
        // 23:00 and 01:00 UTC on consecutive UTC days are one evening in New York.
        let events = [
            JournalEvent(.passed, at: Self.time(10, 23), exercise: "a", phase: 1),
            JournalEvent(.passed, at: Self.time(11, 1), exercise: "b", phase: 1),
        ]
        #expect(JournalTimeline.streak(events, now: Self.time(11, 2), calendar: Self.calendar("UTC")).current == 2)
        #expect(JournalTimeline.streak(events, now: Self.time(11, 2), calendar: Self.calendar("America/New_York")).current == 1)
    }
}
