import ArgumentParser
import Foundation
import LabKit

extension LabCommand {
    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Re-check passed exercises on a spaced schedule, to catch what has decayed.",
            discussion: """
                Skills fade and environments drift: an exercise that passed is checked again 3, 7, \
                21, 60 and 180 days later (each interval counted from the last review it passed; \
                lab.yml may set its own: review: { intervals: [3d, 7d, 21d] }). A review that fails \
                is reported as a regression, with what failed, and the exercise leaves the \
                schedule until 'lab check' passes it again; then it starts over.

                'lab review' runs the five most overdue reviews (--all-due: every one), records \
                each in the journal (a 'reviewed' event with its outcome), and says when each is \
                due next. It runs the lab's checks, as 'lab check' does. Exit status 1 when a \
                review failed.

                Examples:
                  lab review --list
                  lab review
                  lab review --all-due --json
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Flag(help: "Only show the schedule: what is due and when; run nothing.")
        var list = false

        @Flag(name: .customLong("all-due"), help: "Run every review that is due, not only the five most overdue.")
        var allDue = false

        @Flag(help: "Print the schedule and the reviews as JSON on stdout.")
        var json = false

        func validate() throws {
            if list && allDue { throw ValidationError("--list runs nothing; leave out --all-due.") }
        }

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try await context.run {
                let request = ReviewWorkflow.Request(location: context.location, listOnly: list, allDue: allDue, now: try context.now())
                let checkPrinter = CheckPrinter(terminal: context.terminal, stdout: .text)
                let terminal = context.terminal
                let result = try await ReviewWorkflow.run(request) { event in
                    if json {
                        if case .warning(let message) = event { terminal.warning(message) }
                    } else {
                        checkPrinter.handle(event)
                    }
                }
                ReviewPrinter(terminal: context.terminal, calendar: .current).print(result, listOnly: list, json: json)
                if let signal = result.interruption { return ExitStatus.interrupted(by: signal) }
                return result.failed ? ExitStatus.failure : ExitStatus.success
            }
        }
    }
}
