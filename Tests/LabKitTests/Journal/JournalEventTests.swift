import Foundation
import Testing

@testable import LabKit

/// One journal line: its JSON shape, what reading accepts, and why a line is refused.
@Suite struct JournalEventTests {
    static let at = Date(timeIntervalSince1970: 1_795_705_445)  // 2026-11-26T15:04:05Z

    @Test func aLineIsSortedJSONWithoutEmptyKeys() {
        let passed = JournalEvent(.passed, at: Self.at, exercise: "dns-basics", phase: 1, duration: 0.18049, commit: "a1b2c3d")
        #expect(String(decoding: passed.line, as: UTF8.self)
            == #"{"at":"2026-11-26T15:04:05Z","commit":"a1b2c3d","duration":0.18,"event":"passed","exercise":"dns-basics","phase":1}"# + "\n")
        let started = JournalEvent(.phaseStarted, at: Self.at, phase: 2)
        #expect(String(decoding: started.line, as: UTF8.self) == #"{"at":"2026-11-26T15:04:05Z","event":"phase_started","phase":2}"# + "\n")
    }

    @Test(arguments: [
        JournalEvent.Kind.passed, .ticked, .unticked, .regressed, .phaseStarted, .phaseFinished, .reviewed,
    ])
    func everyKindReadsBack(_ kind: JournalEvent.Kind) throws {
        let event = JournalEvent(kind, at: Self.at, exercise: kind.concernsExercise ? "x" : nil, phase: 3)
        #expect(try JournalEvent.parse(event.line.dropLast()) == event)
        #expect(kind.isKnown)
    }

    @Test func aKindOfANewerLabIsKeptAndKeysItAddsAreIgnored() throws {
        let line = #"{"at":"2026-11-26T15:04:05Z","event":"celebrated","phase":1,"mood":"great"}"#
        let event = try JournalEvent.parse(Array(line.utf8))
        #expect(event.kind == .other("celebrated") && !event.kind.isKnown && event.phase == 1)
        // Written back as it was named.
        #expect(String(decoding: event.line, as: UTF8.self).contains(#""event":"celebrated""#))
    }

    @Test func everyFieldReadsBack() throws {
        let event = JournalEvent(
            .quizPassed, at: Self.at, exercise: "x", phase: 2, duration: 1.5, commit: "abc1234", outcome: "passed", quiz: "q1",
            answers: ["a", "b"])
        #expect(try JournalEvent.parse(event.line.dropLast()) == event)
    }

    /// As JSONDecoder read them: the first of duplicate keys counts.
    @Test func theFirstOfDuplicateKeysCounts() throws {
        let event = try JournalEvent.parse(Array(#"{"event":"passed","event":"ticked","at":"2026-11-26T15:04:05Z","exercise":"x","exercise":"y"}"#.utf8))
        #expect(event.kind == .passed && event.exercise == "x")
    }

    @Test func fractionalSecondsAreAccepted() throws {
        let event = try JournalEvent.parse(Array(#"{"at":"2026-11-26T15:04:05.250Z","event":"ticked","exercise":"x"}"#.utf8))
        #expect(event.at == Self.at.addingTimeInterval(0.25))
    }

    @Test(arguments: [
        ("not json", "it is not a JSON object"),
        ("[1, 2]", "it is not a JSON object"),
        (#"{"event":"passed","exercise":"x"}"#, "it has no 'at'"),
        (#"{"at":"2026-11-26T15:04:05Z","exercise":"x"}"#, "it has no 'event'"),
        (#"{"at":"yesterday","event":"ticked","exercise":"x"}"#, "'at' is not a UTC time such as 2026-11-26T15:04:05Z"),
        (#"{"at":"2026-11-26T15:04:05Z","event":"passed"}"#, "a 'passed' event names no exercise"),
        (#"{"at":"2026-11-26T15:04:05Z","event":"phase_finished"}"#, "a 'phase_finished' event names no phase"),
        (#"{"at":"2026-11-26T15:04:05Z","event":"ticked","exercise":"x","phase":"one"}"#, "'phase' has the wrong type"),
        (#"{"at":"2026-11-26T15:04:05Z","event":7,"exercise":"x"}"#, "'event' has the wrong type"),
        (#"{"at":"2026-11-26T15:04:05Z","event":"quiz_passed","exercise":"x","answers":[1]}"#, "'answers' has the wrong type"),
        (#"{"at":"2026-11-26T15:04:05Z","event":"ticked","exercise":null}"#, "a 'ticked' event names no exercise"),
        (#"{"at":"2026-11-26T15:04:05Z","event":"ticked","exercise":"x"} {}"#, "it is not a JSON object"),
        (#"{"at":"2026-11-26T15:04:05Z","event":"passed","exercise":"x","duration":1e400}"#, "'duration' has the wrong type"),
    ])
    func malformedLines(_ line: String, _ reason: String) {
        do {
            _ = try JournalEvent.parse(Array(line.utf8))
            Issue.record("'\(line)' was read")
        } catch {
            #expect(String(describing: error) == reason)
        }
    }
}
