import LabSpec

/// Checks a `quiz` step against the answers `lab quiz ID` recorded: it passes when a record
/// answers the questions as they stand now, and never asks anything itself.
enum QuizStep {
    static func evaluate(_ check: QuizCheck, step: Step, exercise: String, records: [QuizRecord]) -> StepResult {
        var report = StepResult(kind: .quiz, command: StepWording.subject(step), expectation: StepWording.expectation(step), passed: false)
        if let question = QuizAnswer.unanswerableQuestion(in: check) {
            report.message = "question \(question + 1) has choices, but none of them is an accepted answer: no one can pass this quiz until its 'answer' in lab.yml is fixed (lab validate shows where)"
        } else if records.contains(where: { $0.answers(check) }) {
            report.passed = true
        } else if records.isEmpty {
            report.message = "not answered yet — run lab quiz \(exercise)"
        } else {
            report.message = "not answered yet — run lab quiz \(exercise) (its questions changed since they were answered)"
        }
        return report
    }
}
