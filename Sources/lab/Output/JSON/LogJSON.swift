import Foundation
import LabKit
import LabSpec

/// One entry of `lab log --json` (an array of them): a journal event, every key present (null
/// when the event has no value for it), with the title of its exercise or phase from `lab.yml`.
struct LogEventJSON: Encodable {
    var event: String
    /// UTC, to the second.
    var at: String
    var phase: Int?
    var exercise: String?
    /// The exercise's title, or the phase's for a phase event; null when `lab.yml` has neither.
    var title: String?
    /// Seconds the check took (check events).
    var duration: Double?
    /// The short id of git's `HEAD` when the check ran.
    var commit: String?
    /// What a review found: `passed`, `failed`, `timed_out` or `error` (reviewed events).
    var outcome: String?
    /// The digest of the questions answered (quiz_passed events).
    var quiz: String?
    /// The hash of the accepted answer each question was given (quiz_passed events).
    var answers: [String]?

    init(_ event: JournalEvent, lab: Lab) {
        self.event = event.kind.rawValue
        at = event.at.formatted(.iso8601)
        phase = event.phase
        exercise = event.exercise
        if let id = event.exercise {
            title = lab.exercise(id: id)?.title
        } else {
            title = event.phase.flatMap { lab.phase(id: $0)?.title }
        }
        duration = event.duration
        commit = event.commit
        outcome = event.outcome
        quiz = event.quiz
        answers = event.answers
    }

    enum CodingKeys: String, CodingKey { case event, at, phase, exercise, title, duration, commit, outcome, quiz, answers }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(event, forKey: .event)
        try container.encode(at, forKey: .at)
        try container.encode(phase, forKey: .phase)
        try container.encode(exercise, forKey: .exercise)
        try container.encode(title, forKey: .title)
        try container.encode(duration, forKey: .duration)
        try container.encode(commit, forKey: .commit)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(quiz, forKey: .quiz)
        try container.encode(answers, forKey: .answers)
    }
}
