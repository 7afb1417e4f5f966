import Foundation
import LabSpec
import Testing

@testable import LabKit

/// The review schedule as a pure function of a journal, a lab and a time.
@Suite struct ReviewScheduleTests {
    static let lab: Lab = {
        let text = """
            lab: Review Lab
            phases:
              - id: 1
                title: One
                status: in-progress
                exercises:
                  - { id: dns, title: DNS, verify: [{ run: "true" }] }
                  - { id: tls, title: TLS, verify: [{ run: "true" }] }
                  - { id: talk, title: Explain it }

            """
        let loaded = LabLoader(builtinSets: []).load(SourceFile(path: "lab.yml", bytes: Array(text.utf8)))
        return loaded.lab!
    }()

    static func day(_ number: Int, hour: Int = 9) -> Date {
        // 2026-11-01T00:00:00Z plus days and hours.
        Date(timeIntervalSince1970: 1_793_491_200 + Double(number) * 86_400 + Double(hour) * 3_600)
    }

    static func journal(_ events: [JournalEvent]) -> Journal {
        Journal(events: events.sorted { $0.at < $1.at }, warnings: [], exists: true)
    }

    static let days = [3, 7, 21, 60, 180].map { Duration.seconds($0 * 86_400) }

    func schedule(_ events: [JournalEvent], now: Date, intervals: [Duration] = ReviewScheduleTests.days) -> ReviewSchedule {
        ReviewSchedule.make(journal: Self.journal(events), lab: Self.lab, intervals: intervals, now: now)
    }

    @Test func aPassIsDueAfterTheFirstInterval() throws {
        let events = [JournalEvent(.passed, at: Self.day(0), exercise: "dns", phase: 1)]
        #expect(schedule(events, now: Self.day(2)).due(at: Self.day(2)).isEmpty, "not due after two days")
        let onTheDay = schedule(events, now: Self.day(3))
        #expect(onTheDay.due(at: Self.day(3)).map(\.exercise) == ["dns"], "due on the third day, at the hour of the pass")
        let entry = try #require(onTheDay.entries.first)
        #expect(entry.due == Self.day(3) && entry.stage == 0 && entry.since == Self.day(0))
    }

    @Test func eachPassedReviewMovesToTheNextIntervalFromThatReview() throws {
        let events = [
            JournalEvent(.passed, at: Self.day(0), exercise: "dns", phase: 1),
            JournalEvent(.reviewed, at: Self.day(4), exercise: "dns", phase: 1, outcome: "passed"),
        ]
        let entry = try #require(schedule(events, now: Self.day(5)).entries.first)
        #expect(entry.stage == 1 && entry.due == Self.day(11), "7 days after the review")
        // Past the last interval it stays on the last.
        var many = [JournalEvent(.passed, at: Self.day(0), exercise: "dns", phase: 1)]
        for index in 1...8 { many.append(JournalEvent(.reviewed, at: Self.day(index * 200), exercise: "dns", phase: 1, outcome: "passed")) }
        let last = try #require(schedule(many, now: Self.day(1700)).entries.first)
        #expect(last.interval == .seconds(180 * 86_400) && last.due == Self.day(1780))
    }

    @Test func aFailureTakesItOutUntilItPassesAgainThenStartsOver() throws {
        let failedReview = [
            JournalEvent(.passed, at: Self.day(0), exercise: "dns", phase: 1),
            JournalEvent(.reviewed, at: Self.day(4), exercise: "dns", phase: 1, outcome: "passed"),
            JournalEvent(.reviewed, at: Self.day(12), exercise: "dns", phase: 1, outcome: "failed"),
        ]
        #expect(schedule(failedReview, now: Self.day(100)).entries.isEmpty)
        let passedAgain = failedReview + [JournalEvent(.passed, at: Self.day(13), exercise: "dns", phase: 1)]
        let entry = try #require(schedule(passedAgain, now: Self.day(14)).entries.first)
        #expect(entry.stage == 0 && entry.due == Self.day(16))
        let regressed = [
            JournalEvent(.passed, at: Self.day(0), exercise: "tls", phase: 1),
            JournalEvent(.regressed, at: Self.day(1), exercise: "tls", phase: 1),
        ]
        #expect(schedule(regressed, now: Self.day(30)).entries.isEmpty)
    }

    @Test func customIntervals() throws {
        let events = [JournalEvent(.passed, at: Self.day(0), exercise: "dns", phase: 1)]
        let hourly = schedule(events, now: Self.day(0, hour: 10), intervals: [.seconds(3600)])
        #expect(hourly.due(at: Self.day(0, hour: 10)).count == 1)
        #expect(schedule(events, now: Self.day(5), intervals: [.seconds(14 * 86_400)]).due(at: Self.day(5)).isEmpty)
    }

    @Test func removedManualAndFutureExercisesAreHandledWithANote() throws {
        let events = [
            JournalEvent(.passed, at: Self.day(0), exercise: "gone", phase: 1),
            JournalEvent(.passed, at: Self.day(0), exercise: "talk", phase: 1),
            JournalEvent(.passed, at: Self.day(50), exercise: "tls", phase: 1),
        ]
        let result = schedule(events, now: Self.day(10))
        #expect(result.entries.map(\.exercise) == ["tls"], "a manual exercise has no check to re-run")
        #expect(result.due(at: Self.day(10)).isEmpty, "a pass dated in the future is not due")
        #expect(result.notes.contains { $0.contains("no longer in lab.yml (gone)") })
        #expect(result.notes.contains { $0.contains("tls in the future") })
    }

    @Test func mostOverdueFirst() {
        let events = [
            JournalEvent(.passed, at: Self.day(5), exercise: "tls", phase: 1),
            JournalEvent(.passed, at: Self.day(1), exercise: "dns", phase: 1),
        ]
        #expect(schedule(events, now: Self.day(30)).due(at: Self.day(30)).map(\.exercise) == ["dns", "tls"])
    }
}
