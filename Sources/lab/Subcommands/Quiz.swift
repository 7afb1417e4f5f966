import ArgumentParser
import Foundation
import LabKit
import LabRuntime

extension LabCommand {
    struct Quiz: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "quiz",
            abstract: "Answer the questions of an exercise's quiz, or hash an answer for lab.yml.",
            discussion: """
                Asks the questions of the exercise's 'quiz' steps one at a time. After a wrong \
                answer it shows the exercise's hint and asks again; a multiple-choice question \
                takes the letter of a choice or its text. Once every question is answered right, \
                the quiz is recorded in .lab/state.json and the journal, and 'lab check' passes \
                its quiz steps until a question changes. Answers are compared trimmed, case \
                folded and with inner spaces collapsed. Ctrl-C stops it with nothing recorded. \
                When stdin is not a terminal, answers are read from it one per line.

                With --hash, prints an answer as lab.yml stores it (sha256:SALT:HEX), for the \
                author of a quiz to paste as a question's 'answer'.

                Examples:
                  lab quiz linux-processes
                  lab quiz linux-processes < answers.txt
                  lab quiz --hash "137"
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: "The exercise whose quiz to answer.", completion: Completions.exercises)
        var id: String?

        @Option(help: ArgumentHelp("Print TEXT as a salted answer hash to paste into lab.yml, and exit.", valueName: "TEXT"))
        var hash: String?

        func validate() throws {
            if id == nil && hash == nil { throw ValidationError("name an exercise, e.g. 'lab quiz linux-processes', or give --hash TEXT") }
            if id != nil && hash != nil { throw ValidationError("give an exercise or --hash TEXT, not both") }
            if let hash, hash.allSatisfy(\.isWhitespace) { throw ValidationError("--hash takes the answer to hash, such as --hash \"137\"") }
        }

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try context.run {
                if let hash {
                    context.terminal.out(QuizAnswer.hash(hash, salt: QuizAnswer.randomSalt()))
                    return ExitStatus.success
                }
                let interactive = isatty(STDIN_FILENO) == 1
                let printer = QuizPrinter(terminal: context.terminal, interactive: interactive)
                // A signal ends the process at once (128 + N): no answer is recorded before the
                // last one, so nothing is half done.
                TerminationSignals.install()
                TerminationSignals.addExitHook { QuizPrinter.interrupted() }
                let request = QuizWorkflow.Request(location: context.location, exercise: id ?? "", now: try context.now())
                let result = try QuizWorkflow.run(request, events: printer.print) {
                    printer.prompt()
                    return readLine(strippingNewline: true)
                }
                return printer.print(result)
            }
        }
    }
}
