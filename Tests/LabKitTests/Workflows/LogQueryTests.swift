import Foundation
import Testing

@testable import LabKit

/// `lab log`'s query: which events, in which order, and what `--since` accepts.
@Suite struct LogQueryTests {
    static let now = Date(timeIntervalSince1970: 1_795_705_445)  // 2026-11-26T15:04:05Z

    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }

    @Test(arguments: [
        ("today", 1_795_651_200.0), ("yesterday", 1_795_564_800), ("2026-11-20", 1_795_132_800),
        ("2026-11-26T15:00:00Z", 1_795_705_200), ("12h", 1_795_662_245), ("2d", 1_795_532_645), ("1w", 1_795_100_645),
        (" 7d ", 1_795_100_645),
    ])
    func since(_ text: String, _ expected: Double) {
        #expect(LogQuery.since(text, now: Self.now, calendar: Self.utc) == Date(timeIntervalSince1970: expected))
    }

    @Test(arguments: ["", "soon", "2026-13-01", "2026-02-30", "26-11-20", "-3d", "3y", "d"])
    func sinceRefuses(_ text: String) {
        #expect(LogQuery.since(text, now: Self.now, calendar: Self.utc) == nil)
    }

    static func lab() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("lab.yml", """
            lab: Log Lab
            phases:
              - id: 1
                title: One
                status: done
                exercises:
                  - id: alpha
                    title: Alpha
              - id: 2
                title: Two
                status: in-progress
                exercises:
                  - id: beta
                    title: Beta

            """)
        let events = [
            JournalEvent(.phaseStarted, at: now - 5 * 86400, phase: 1),
            JournalEvent(.passed, at: now - 4 * 86400, exercise: "alpha", phase: 1, duration: 0.2),
            JournalEvent(.ticked, at: now - 4 * 86400, exercise: "alpha", phase: 1),
            JournalEvent(.phaseFinished, at: now - 2 * 86400, phase: 1),
            JournalEvent(.phaseStarted, at: now - 2 * 86400, phase: 2),
            JournalEvent(.passed, at: now - 3600, exercise: "beta", phase: 2),
        ]
        try folder.write(JournalStore.path, String(decoding: events.flatMap(\.line), as: UTF8.self))
        return folder
    }

    static func run(_ folder: TemporaryFolder, since: Date? = nil, phase: Int? = nil, newestFirst: Bool = true) throws -> LogQuery.Result {
        try LogQuery.run(.init(
            location: LabLocation(workingDirectory: folder.root), since: since, phase: phase, newestFirst: newestFirst, now: now, calendar: utc))
    }

    @Test func newestFirstOrOldestFirst() throws {
        let folder = try Self.lab()
        let newest = try Self.run(folder)
        #expect(newest.events.map(\.kind) == [.passed, .phaseStarted, .phaseFinished, .ticked, .passed, .phaseStarted])
        #expect(newest.timeline.days.count == 4 && newest.journalExists && newest.warnings.isEmpty)
        let oldest = try Self.run(folder, newestFirst: false)
        #expect(oldest.events == newest.events.reversed())
        #expect(oldest.timeline.phases.map(\.days) == [3, 2])
        #expect(oldest.timeline.streak.current == 1 && oldest.timeline.streak.longest == 1)
    }

    @Test func sinceAndPhaseNarrowTheEvents() throws {
        let folder = try Self.lab()
        #expect(try Self.run(folder, since: Self.now - 3 * 86400).events.count == 3)
        let phaseOne = try Self.run(folder, phase: 1)
        #expect(phaseOne.events.count == 4 && phaseOne.events.allSatisfy { $0.phase == 1 })
        #expect(phaseOne.timeline.phases.map(\.phase) == [1])
        // The streak is the whole journal's, whatever is shown.
        #expect(try Self.run(folder, since: Self.now).timeline.streak.lastPass != nil)
    }

    @Test func anUnknownPhaseIsAnError() throws {
        let folder = try Self.lab()
        #expect(throws: LabError.self) { try Self.run(folder, phase: 7) }
    }

    @Test func noJournalIsNoError() throws {
        let folder = try Self.lab()
        try folder.remove(JournalStore.path)
        let result = try Self.run(folder)
        #expect(!result.journalExists && result.events.isEmpty && result.warnings.isEmpty)
    }
}
