import Foundation
import LabKit
import LabSpec

/// `lab quiz ID`: each question with its lettered choices, a prompt on a terminal, what follows a
/// right or a wrong answer, and the outcome.
struct QuizPrinter {
    let terminal: Terminal
    /// Answers come from a person at a terminal (a prompt is shown), not from a pipe.
    let interactive: Bool
    /// The question being answered, asked again after a wrong answer and its hint.
    private let asking = Asking()

    init(terminal: Terminal, interactive: Bool) {
        self.terminal = terminal
        self.interactive = interactive
    }

    private final class Asking {
        var question: (QuizCheck.Question, number: Int, total: Int)?
    }

    func print(_ event: QuizWorkflow.Event) {
        switch event {
        case .started(let exercise, let questions):
            terminal.out(terminal.style(exercise.id, .bold) + " — \(exercise.title) · quiz of \(StepWording.questions(questions))")
        case .question(let question, let number, let total):
            asking.question = (question, number, total)
            ask(question, number: number, total: total)
        case .right(let explain):
            terminal.out(terminal.style("right", .green, .bold) + (explain.map { " — \($0)" } ?? ""))
        case .wrong(let hint):
            terminal.out(terminal.style("not quite", .yellow, .bold) + " — try again." + (hint == nil ? "" : " Hint:"))
            if let hint {
                for line in TextTable.wrap(hint, width: 86) { terminal.out("  " + terminal.style(line, .dim)) }
            }
            if let (question, number, total) = asking.question { ask(question, number: number, total: total) }
        case .notAChoice(let choices):
            terminal.out(
                "not one of the choices: answer with a letter, "
                    + "\(QuizAnswer.letter(0))–\(QuizAnswer.letter(choices - 1)), or a choice's text")
        }
    }

    private func ask(_ question: QuizCheck.Question, number: Int, total: Int) {
        terminal.out("")
        // `3/8  Which record …`, the question's further lines under its first.
        let counter = "\(number)/\(total)"
        for (index, line) in TextTable.wrap(question.ask, width: 86).enumerated() {
            let lead = index == 0 ? terminal.style(counter, .bold) + "  " : String(repeating: " ", count: counter.count + 2)
            terminal.out(lead + line)
        }
        for (index, choice) in question.choices.enumerated() {
            terminal.out("     \(QuizAnswer.letter(index))) \(choice)")
        }
    }

    func prompt() {
        if interactive { terminal.outRaw(terminal.style("> ", .cyan)) }
    }

    func print(_ result: QuizWorkflow.Result) -> Int32 {
        switch result {
        case .passed(let exercise, let questions, let warnings):
            for warning in warnings { terminal.warning(warning) }
            terminal.out("")
            let answered = "\(StepWording.questions(questions)) of \(exercise.id) answered right and recorded"
            terminal.out("quiz passed: \(answered) — lab check \(exercise.id) counts it")
            return ExitStatus.success
        case .unfinished(let exercise, let answered, let total):
            terminal.out("")
            terminal.error("the answers ended after \(answered) of \(total) questions of \(exercise.id): nothing recorded")
            return ExitStatus.failure
        }
    }

    /// Said when a signal stops the quiz.
    static func interrupted() {
        let text = "\nlab: quiz interrupted: nothing recorded\n"
        _ = text.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    }
}
