import Foundation
import LabSpec

/// A quiz answered right, as the state keeps it: which questions (a digest of their text, choices
/// and accepted answers), the accepted answer each was given (its hash, never the text), and when.
public struct QuizRecord: Sendable, Equatable {
    public var digest: String
    public var answers: [String]
    public var at: Date

    public init(digest: String, answers: [String], at: Date) {
        self.digest = digest
        self.answers = answers
        self.at = at
    }

    /// What identifies a quiz's questions: changing a question, its choices or its accepted answers
    /// changes it, and so invalidates the answers recorded for it; an `explain` does not.
    public static func digest(of quiz: QuizCheck) -> String {
        var builder = ContentDigest.Builder()
        builder.add("quiz 1")
        builder.add(String(quiz.questions.count))
        for question in quiz.questions {
            builder.add(question.ask)
            builder.add(String(question.choices.count))
            for choice in question.choices { builder.add(choice) }
            builder.add(String(question.answers.count))
            for answer in question.answers { builder.add(answer) }
        }
        return builder.finish()
    }

    /// Whether this record answers `quiz` as it stands now.
    public func answers(_ quiz: QuizCheck) -> Bool {
        guard digest == Self.digest(of: quiz), answers.count == quiz.questions.count else { return false }
        return zip(answers, quiz.questions).allSatisfy { answer, question in question.answers.contains(answer) }
    }
}
