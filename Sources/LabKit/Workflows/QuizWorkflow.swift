import Foundation
import LabRuntime
import LabSpec

/// `lab quiz ID`: asks the questions of an exercise's `quiz` steps one at a time, the exercise's
/// hint after a wrong answer and the question again, and once every one is answered right records
/// the quiz — the accepted answers' hashes and the time — in the state and the journal, under the
/// lab lock. Nothing is recorded before the last right answer: input that ends early, or a
/// signal, leaves every file as it was.
public enum QuizWorkflow {
    public struct Request: Sendable {
        public var location: LabLocation
        public var exercise: String
        public var now: Date

        public init(location: LabLocation, exercise: String, now: Date = Date()) {
            self.location = location
            self.exercise = exercise
            self.now = now
        }
    }

    public enum Event: Sendable {
        case started(Exercise, questions: Int)
        /// `number` counts from 1 over every quiz step of the exercise.
        case question(QuizCheck.Question, number: Int, total: Int)
        case right(explain: String?)
        /// The exercise's hint, shown before the question is asked again.
        case wrong(hint: String?)
        /// The answer names none of the question's `choices` (`2`, or `d` of three): not a wrong
        /// answer, a question to ask again, saying how to answer.
        case notAChoice(choices: Int)
    }

    public enum Result: Sendable {
        case passed(Exercise, questions: Int, warnings: [String])
        /// The answers ran out (stdin ended) after `answered` of `total` questions.
        case unfinished(Exercise, answered: Int, total: Int)
    }

    /// `answer` gives the learner's next answer, nil when there are no more.
    public static func run(
        _ request: Request, events: (Event) -> Void, answer: () -> String?
    ) throws(LabError) -> Result {
        let (project, lab) = try request.location.openLab()
        guard let exercise = lab.exercise(id: request.exercise) else { throw NameLookup.exercise(request.exercise, in: lab) }
        let quizzes = Self.quizzes(of: exercise)
        guard !quizzes.isEmpty else {
            let others = lab.exercises.filter { !Self.quizzes(of: $0).isEmpty }.map(\.id)
            throw .message(
                "exercise '\(exercise.id)' has no quiz (no 'quiz' step in its 'verify')"
                    + (others.isEmpty ? "" : "; the exercises with one are " + others.joined(separator: ", ")))
        }
        // Where the outcome goes, checked before a question is asked: the state and the journal,
        // whose quiz_passed event is what a fresh clone's `lab check` knows the quiz by.
        do {
            for path in [".lab", StateStore.path, JournalStore.path] { _ = try project.files.resolve(path) }
        } catch {
            throw .file(error)
        }
        var asked = 0
        for quiz in quizzes {
            if let question = QuizAnswer.unanswerableQuestion(in: quiz) {
                throw .message(
                    "question \(asked + question + 1) of the quiz of '\(exercise.id)' has choices, but none of them is an accepted answer, "
                        + "so no answer can pass it: its 'answer' in lab.yml must be fixed first (lab validate shows where)")
            }
            asked += quiz.questions.count
        }
        let total = quizzes.reduce(0) { $0 + $1.questions.count }
        events(.started(exercise, questions: total))
        var records: [QuizRecord] = []
        var number = 0
        for quiz in quizzes {
            var accepted: [String] = []
            for question in quiz.questions {
                number += 1
                events(.question(question, number: number, total: total))
                while true {
                    guard let given = answer() else { return .unfinished(exercise, answered: number - 1, total: total) }
                    // An empty line is no answer: the question stands, without a hint.
                    if given.allSatisfy(\.isWhitespace) { continue }
                    if let hash = QuizAnswer.accepted(given, for: question) {
                        accepted.append(hash)
                        events(.right(explain: question.explain))
                        break
                    }
                    if !question.choices.isEmpty && QuizAnswer.choiceIndex(of: given, in: question) == nil {
                        events(.notAChoice(choices: question.choices.count))
                        continue
                    }
                    events(.wrong(hint: exercise.hint))
                }
            }
            records.append(QuizRecord(digest: QuizRecord.digest(of: quiz), answers: accepted, at: request.now))
        }

        let lock = try project.lock()
        var state = StateStore.load(files: project.files).state
        state.quizzes[exercise.id] = records
        var recording = JournalRecording(files: project.files, root: project.root.path, lock: lock, now: request.now)
        let appended = recording.append(records.map { record in
            JournalEvent(.quizPassed, at: request.now, exercise: exercise.id, phase: exercise.phase, quiz: record.digest, answers: record.answers)
        })
        do {
            try StateStore.save(state, files: project.files, holding: lock)
        } catch {
            recording.undo(appended)
            throw .file(error)
        }
        return .passed(exercise, questions: total, warnings: recording.warnings)
    }

    /// The exercise's quiz steps, in order.
    public static func quizzes(of exercise: Exercise) -> [QuizCheck] {
        exercise.verify.compactMap { step in
            if case .quiz(let check) = step.action { return check }
            return nil
        }
    }

    /// The quizzes recorded in the journal (`quiz_passed` events), by exercise: what a fresh clone,
    /// whose state is empty, knows of the quizzes answered.
    static func records(in journal: Journal) -> [String: [QuizRecord]] {
        var records: [String: [QuizRecord]] = [:]
        for event in journal.events where event.kind == .quizPassed {
            guard let id = event.exercise, let digest = event.quiz, let answers = event.answers else { continue }
            records[id, default: []].append(QuizRecord(digest: digest, answers: answers, at: event.at))
        }
        return records
    }
}
