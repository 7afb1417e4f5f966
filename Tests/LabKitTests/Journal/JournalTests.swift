import Foundation
import Testing

@testable import LabKit

/// Reading the journal line by line, and the events a command adds to it: never twice the same.
@Suite struct JournalTests {
    static let day = Date(timeIntervalSince1970: 1_795_705_445)  // 2026-11-26T15:04:05Z

    static func line(_ kind: String, _ offset: Double, _ rest: String = #","exercise":"x""#) -> String {
        #"{"at":"\#((day + offset).formatted(.iso8601))","event":"\#(kind)"\#(rest)}"# + "\n"
    }

    @Test func aTornLastLineIsLeftOutWithoutAWord() {
        let text = Self.line("passed", 0) + Self.line("ticked", 1) + #"{"at":"2026-11-26T15:0"#
        let journal = Journal.parse(Array(text.utf8), path: ".lab/journal.jsonl")
        #expect(journal.events.map(\.kind) == [.passed, .ticked])
        #expect(journal.warnings.isEmpty && journal.exists)
    }

    @Test func aByteOrderMarkFirstIsNotPartOfTheFirstLine() {
        let text = "\u{FEFF}" + Self.line("passed", 0) + Self.line("ticked", 1)
        let journal = Journal.parse(Array(text.utf8), path: ".lab/journal.jsonl")
        #expect(journal.events.map(\.kind) == [.passed, .ticked])
        #expect(journal.warnings.isEmpty)
    }

    @Test func aBadLineIsAWarningWithItsNumberAndTheRestIsRead() {
        let text = Self.line("passed", 0) + "garbage\n\n" + Self.line("ticked", 1) + "{}\r\n" + Self.line("regressed", 2)
        let journal = Journal.parse(Array(text.utf8), path: ".lab/journal.jsonl")
        #expect(journal.events.map(\.kind) == [.passed, .ticked, .regressed])
        #expect(journal.warnings == [
            ".lab/journal.jsonl:2: not a journal event (it is not a JSON object); it is left out",
            ".lab/journal.jsonl:5: not a journal event (it has no 'event'); it is left out",
        ])
    }

    @Test func manyBadLinesAreNamedUpToALimitThenCounted() {
        let text = String(repeating: "nope\n", count: 8) + Self.line("passed", 0)
        let journal = Journal.parse(Array(text.utf8), path: "j")
        #expect(journal.events.count == 1)
        #expect(journal.warnings.count == Journal.namedLineLimit + 1)
        #expect(journal.warnings.last == "j: 3 more lines are not journal events; they are left out")
    }

    @Test func unknownKindsAreOneWarningAndKept() {
        let text = Self.line("celebrated", 0, #","phase":1"#) + Self.line("celebrated", 1, #","phase":1"#) + Self.line("rested", 2, "")
        let journal = Journal.parse(Array(text.utf8), path: "j")
        #expect(journal.events.count == 3)
        #expect(journal.warnings == ["j has 3 events of a kind this lab does not know ('celebrated', 'rested'), perhaps from a newer lab; shown as they are"])
    }

    @Test func eventsAreInTimeOrderTheFileOrderKeptWithinASecond() {
        // Two branches' lines after a union merge: each branch's in order, the two interleaved.
        let text = Self.line("ticked", 10, #","exercise":"late""#) + Self.line("passed", 0, #","exercise":"a""#)
            + Self.line("ticked", 0, #","exercise":"a""#) + Self.line("passed", 5, #","exercise":"b""#)
        let journal = Journal.parse(Array(text.utf8), path: "j")
        #expect(journal.events.map { "\($0.kind) \($0.exercise ?? "")" } == ["passed a", "ticked a", "passed b", "ticked late"])
    }

    // MARK: - What a command adds

    static func journal(_ events: [(JournalEvent.Kind, String)]) -> Journal {
        Journal(events: events.enumerated().map { JournalEvent($1.0, at: day + Double($0), exercise: $1.1, phase: 1) }, exists: true)
    }

    static func check(_ journal: Journal, passed: Bool, reported: Bool = false) -> JournalEvent.Kind? {
        journal.checkEvent(
            exercise: "x", phase: 1, passed: passed, failed: !passed, reportedRegression: reported, duration: 0.5, commit: "abc1234",
            at: day + 100)?.kind
    }

    @Test func aPassIsRecordedFirstAndAfterAFailureOnly() {
        #expect(Self.check(Self.journal([]), passed: true) == .passed)
        #expect(Self.check(Self.journal([(.passed, "x")]), passed: true) == nil)
        #expect(Self.check(Self.journal([(.passed, "x"), (.ticked, "x")]), passed: true) == nil)
        #expect(Self.check(Self.journal([(.passed, "x"), (.regressed, "x")]), passed: true) == .passed)
        #expect(Self.check(Self.journal([(.passed, "y")]), passed: true) == .passed, "another exercise's pass")
    }

    @Test func aFailureAfterAPassIsARegressionOnce() {
        #expect(Self.check(Self.journal([]), passed: false) == nil, "never passed: nothing to regress from")
        #expect(Self.check(Self.journal([]), passed: false, reported: true) == .regressed, "ticked before the journal began")
        #expect(Self.check(Self.journal([(.passed, "x")]), passed: false) == .regressed)
        #expect(Self.check(Self.journal([(.passed, "x"), (.regressed, "x")]), passed: false) == nil)
        #expect(Self.check(Self.journal([(.passed, "x"), (.regressed, "x")]), passed: false, reported: true) == nil)
    }

    /// The one-pass index a check of many exercises uses agrees with asking about each one.
    @Test func latestKindsAgreeWithLatest() {
        let kinds: [JournalEvent.Kind] = [.passed, .regressed, .ticked, .unticked]
        let ids = ["x", "y", "z", "w"]
        var random = SplitMix64(seed: 7)
        for _ in 0..<50 {
            let events = (0..<Int.random(in: 0...12, using: &random)).map { _ in
                (kinds.randomElement(using: &random)!, ids.randomElement(using: &random)!)
            }
            let journal = Self.journal(events)
            let index = journal.latestKinds(Journal.checkKinds)
            for id in ids {
                #expect(index[id] == journal.latest(Journal.checkKinds, exercise: id)?.kind, "\(events) \(id)")
            }
        }
    }

    @Test func checkEventsCarryDurationAndCommit() {
        let event = Self.journal([]).checkEvent(
            exercise: "x", phase: 2, passed: true, failed: false, reportedRegression: false, duration: 0.5, commit: "abc1234", at: Self.day)
        #expect(event == JournalEvent(.passed, at: Self.day, exercise: "x", phase: 2, duration: 0.5, commit: "abc1234"))
    }

    @Test func aTickOrPhaseChangeAlreadyRecordedIsNotRecordedTwice() {
        let ticked = Self.journal([(.ticked, "x")])
        #expect(ticked.tickEvent(exercise: "x", phase: 1, checked: true, at: Self.day) == nil)
        #expect(ticked.tickEvent(exercise: "x", phase: 1, checked: false, at: Self.day)?.kind == .unticked)
        #expect(ticked.tickEvent(exercise: "y", phase: 1, checked: true, at: Self.day)?.kind == .ticked)

        let started = Journal(events: [JournalEvent(.phaseStarted, at: Self.day, phase: 1)], exists: true)
        #expect(started.phaseEvent(phase: 1, started: true, at: Self.day) == nil)
        #expect(started.phaseEvent(phase: 1, started: false, at: Self.day)?.kind == .phaseFinished)
        #expect(started.phaseEvent(phase: 2, started: true, at: Self.day)?.kind == .phaseStarted)
    }
}
